package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void recyclesReleasedBuffersOfTheSameSize() {
    BufferPool pool = new BufferPool(1 << 26, 1 << 26);
    ByteBuffer a = pool.acquire(3_000_000);
    assertThat(a.isDirect()).isTrue();
    assertThat(a.capacity()).as("JeroMQ writes a frame's whole capacity").isEqualTo(3_000_000);
    a.put(0, (byte) 9);
    pool.release(a.duplicate());
    assertThat(pool.idleBytes()).isEqualTo(3_000_000);
    ByteBuffer other = pool.acquire(2_500_000);
    assertThat(other.capacity()).isEqualTo(2_500_000);
    ByteBuffer b = pool.acquire(3_000_000);
    assertThat(b.remaining()).isEqualTo(3_000_000);
    assertThat(b.get(0)).as("the same memory, not zeroed again").isEqualTo((byte) 9);
    assertThat(pool.outstandingBytes()).isEqualTo(5_500_000);
    assertThat(pool.idleBytes()).isZero();
  }

  @Test
  void smallOrOverBudgetRequestsGetNullSoCallersUseTheHeap() {
    BufferPool pool = new BufferPool(1 << 22, 1 << 22);
    assertThat(pool.acquire(1000)).isNull();
    ByteBuffer a = pool.acquire(1 << 22);
    assertThat(a).isNotNull();
    assertThat(pool.acquire(BufferPool.MIN_SIZE)).as("budget spent").isNull();
    pool.release(a);
    assertThat(pool.acquire(BufferPool.MIN_SIZE)).isNotNull();
  }

  @Test
  void ignoresHeapAndSmallBuffersAndKeepsAtMostTheIdleLimit() {
    BufferPool pool = new BufferPool(1 << 26, 1 << 22);
    pool.release(ByteBuffer.allocate(1 << 22));
    pool.release(ByteBuffer.allocateDirect(1000));
    assertThat(pool.idleBytes()).isZero();
    ByteBuffer a = pool.acquire(1 << 22);
    ByteBuffer b = pool.acquire(1 << 22);
    pool.release(a);
    pool.release(b);
    assertThat(pool.idleBytes()).isEqualTo(1 << 22);
    assertThat(pool.outstandingBytes()).isZero();
  }
}
