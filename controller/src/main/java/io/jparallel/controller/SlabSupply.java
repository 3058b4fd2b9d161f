package io.jparallel.controller;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh slabs for a growing {@link SlabLog}, made ahead on a thread of their own. A new slab is
 * memory the process never touched: the OS maps and zeroes it page by page as it is first
 * written, and on a virtual machine each first touch may cost the host a fault as well. Measured
 * on the 2-core VM here, a result store filling towards its 1 GiB budget spent 8-10% of all CPU
 * in those page faults, on the controller's loop thread, which every task waits for. Made here,
 * they cost the same CPU but off the loop, while the loop's pipeline has idle time to spare.
 * The thread exists only while slabs are wanted (it ends a second after the last); when no slab
 * is ready the loop makes its own, as before.
 */
final class SlabSupply {
  /** Slabs kept ready (or being made) while the log grows. */
  static final int AHEAD = 4;
  private static final ThreadPoolExecutor MAKER = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "jparallel-slabs");
        t.setDaemon(true);
        return t;
      });

  private final int bytes;
  private final ConcurrentLinkedQueue<ByteBuffer> ready = new ConcurrentLinkedQueue<>();
  /** Slabs ready or being made. */
  private final AtomicInteger ahead = new AtomicInteger();

  SlabSupply(int bytes) {
    this.bytes = bytes;
  }

  /** A fresh slab's bytes (zeroed): one made ahead if there is one, else one made now. */
  ByteBuffer take() {
    ByteBuffer b = ready.poll();
    if (b != null) {
      ahead.decrementAndGet();
    }
    ask();
    return b != null ? b : DirectMemory.allocate(bytes);
  }

  /** How many slabs are ready now. */
  int ready() {
    return ready.size();
  }

  /** Frees the slabs made ahead (the log was cleared: it may not grow again soon). */
  void clear() {
    ByteBuffer b;
    while ((b = ready.poll()) != null) {
      ahead.decrementAndGet();
      DirectMemory.free(b);
    }
  }

  /** Has the maker make slabs until {@link #AHEAD} are ready or under way. */
  private void ask() {
    while (true) {
      int n = ahead.get();
      if (n >= AHEAD) {
        return;
      }
      if (ahead.compareAndSet(n, n + 1)) {
        MAKER.execute(this::make);
      }
    }
  }

  private void make() {
    try {
      ready.add(DirectMemory.allocate(bytes));
    } catch (OutOfMemoryError e) { // direct memory is full: the loop's own allocation will say so
      ahead.decrementAndGet();
    }
  }
}
