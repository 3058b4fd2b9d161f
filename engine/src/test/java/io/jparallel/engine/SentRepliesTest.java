package io.jparallel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.BufferPool;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentRepliesTest {
  private static final int SIZE = 3_000_017; // a size no other test pools

  @Test
  void keepsPooledFramesUntilTheControllerHasTheReply() {
    SentReplies replies = new SentReplies();
    ByteBuffer first = BufferPool.shared().acquire(SIZE);
    first.put(0, (byte) 1);
    ByteBuffer second = BufferPool.shared().acquire(SIZE);
    second.put(0, (byte) 2);
    replies.sent(true, List.of(ByteBuffer.wrap(new byte[3]))); // reply 1: heap frames only
    replies.sent(true, List.of(first)); // reply 2
    replies.sent(true, List.of(second)); // reply 3
    assertThat(replies.waiting()).isEqualTo(2);

    replies.acknowledged(1);
    assertThat(replies.waiting()).isEqualTo(2);
    replies.acknowledged(2);
    assertThat(replies.waiting()).isEqualTo(1);
    ByteBuffer reused = BufferPool.shared().acquire(SIZE);
    assertThat(reused.get(0)).as("reply 2's buffer, free once acknowledged").isEqualTo((byte) 1);
    BufferPool.shared().release(reused);
    replies.acknowledged(3);
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void framesOfAReplyThatWasNotSentAreFreeAtOnce() {
    SentReplies replies = new SentReplies();
    ByteBuffer frame = BufferPool.shared().acquire(SIZE + 1);
    frame.put(0, (byte) 7);
    replies.sent(false, List.of(frame));
    assertThat(replies.waiting()).isZero();
    assertThat(BufferPool.shared().acquire(SIZE + 1).get(0)).isEqualTo((byte) 7);
  }
}
