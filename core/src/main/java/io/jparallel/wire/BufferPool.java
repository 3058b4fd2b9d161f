package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycled direct buffers for large frames. Sockets read into and write from direct buffers
 * with no temporary copy, and a recycled buffer is neither zeroed again nor fresh memory for
 * the kernel to map: that is what makes large arrays cheap to move. Only code that knows a
 * frame is no longer read releases it (a reply once its value is decoded, a request once its
 * reply is in, an engine's task arguments once the task ran); a buffer never released is
 * simply collected. Buffers handed out but not released count against a budget; past it,
 * {@link #acquire} answers null and callers use the heap, so leaks cost speed, never memory.
 *
 * <p>Buffers are kept by exact size (JeroMQ writes a frame's whole capacity, so a frame's
 * buffer may not be larger than the frame): arrays of the same shape, sent again and again,
 * reuse the same memory. The budget of buffers out is 1 GiB ({@code -Djparallel.pool.maxMiB});
 * at most 512 MiB wait for reuse ({@code -Djparallel.pool.idleMiB}), so a JVM that once had
 * that much in flight keeps it; 0 turns pooling off. Thread-safe.
 */
public final class BufferPool {
  /**
   * Frames smaller than this stay on the heap: measured here, pooling pays from a few MiB up,
   * while a 64 KiB to 1 MiB frame on the heap costs no more than a recycled one and much less
   * than a fresh direct buffer (a size seen for the first time).
   */
  public static final int MIN_SIZE = 2 << 20;
  private static final BufferPool SHARED = new BufferPool(
      Long.getLong("jparallel.pool.maxMiB", 1024) << 20, Long.getLong("jparallel.pool.idleMiB", 512) << 20);

  private final long maxOutstanding;
  private final long maxIdle;
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicLong idle = new AtomicLong();
  private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<ByteBuffer>> free = new ConcurrentHashMap<>();

  BufferPool(long maxOutstanding, long maxIdle) {
    this.maxOutstanding = maxOutstanding;
    this.maxIdle = maxIdle;
  }

  /** The pool of this JVM. */
  public static BufferPool shared() {
    return SHARED;
  }

  /**
   * A direct buffer of exactly {@code size} bytes (contents undefined), or null if
   * {@code size} is below {@link #MIN_SIZE} or the budget of unreleased buffers is spent.
   */
  public ByteBuffer acquire(int size) {
    if (size < MIN_SIZE) {
      return null;
    }
    if (outstanding.addAndGet(size) > maxOutstanding) {
      outstanding.addAndGet(-size);
      return null;
    }
    ConcurrentLinkedQueue<ByteBuffer> q = free.get(size);
    ByteBuffer b = q == null ? null : q.poll();
    if (b != null) {
      idle.addAndGet(-size);
      return b;
    }
    try {
      return ByteBuffer.allocateDirect(size);
    } catch (OutOfMemoryError e) {
      outstanding.addAndGet(-size);
      return null;
    }
  }

  /**
   * Gives a buffer from {@link #acquire} back (any view of it: the whole buffer, as JeroMQ
   * hands frames over); heap buffers are ignored. Nothing may read it afterwards.
   */
  public void release(ByteBuffer b) {
    if (b == null || !b.isDirect() || b.isReadOnly() || b.capacity() < MIN_SIZE) {
      return;
    }
    int size = b.capacity();
    outstanding.addAndGet(-size);
    if (idle.addAndGet(size) > maxIdle) {
      idle.addAndGet(-size);
      return; // dropped: collected like any buffer
    }
    free.computeIfAbsent(size, s -> new ConcurrentLinkedQueue<>()).add(b.duplicate().clear());
  }

  public void releaseAll(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      release(b);
    }
  }

  long outstandingBytes() {
    return outstanding.get();
  }

  long idleBytes() {
    return idle.get();
  }
}
