package io.jparallel.engine;

import io.jparallel.wire.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Messages other threads hand to the I/O thread, which serves the socket; each hand-off
 * wakes the I/O thread's {@link io.jparallel.wire.SocketPoller} (a selector wake-up, which an
 * interrupted caller cannot break). A worker's task output and reply go out from the worker
 * itself when the socket's lock is free ({@link #directWith}), after what waits here.
 *
 * <p>While more tasks wait to run, the worker holds its replies here ({@link #reply}) and
 * sends them with a later one, several as one batch: each message costs ZeroMQ's I/O threads a
 * wake-up at both ends. It holds at most {@link #MAX_HELD} of them, and none once the oldest
 * is {@link #HOLD_NANOS} old; should the next task run long, the I/O thread sends them once
 * they are {@link #HOLD_LIMIT_NANOS} old.
 */
final class Outbox {
  static final int MAX_HELD = 64;
  static final long HOLD_NANOS = 500_000;
  static final long HOLD_LIMIT_NANOS = 2_000_000;

  /** Guarded by this. */
  private final ArrayDeque<Message> queue = new ArrayDeque<>();
  /** How many messages at the head of {@link #queue} are held, and since when (0: none); guarded by this. */
  private int held;
  private long heldSince;
  private volatile Runnable wakeup = () -> { };
  private volatile Predicate<List<Message>> direct = ms -> false;
  /** {@link System#nanoTime()}, or a test's clock. */
  private final LongSupplier clock;

  Outbox() {
    this(System::nanoTime);
  }

  Outbox(LongSupplier clock) {
    this.clock = clock;
  }

  /** The I/O thread's wake-up, set once its poller exists (until then it polls on a timer). */
  void wakeupWith(Runnable w) {
    this.wakeup = w;
  }

  /**
   * Sends a worker's messages at once, after what waits here ({@link #takeAll}), when the
   * socket is free (set by the I/O thread); false: the socket is busy, queue them.
   */
  void directWith(Predicate<List<Message>> d) {
    this.direct = d;
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  void wake() {
    wakeup.run();
  }

  void send(Message m) {
    synchronized (this) {
      queue.add(m);
    }
    wakeup.run();
  }

  /** A task's output and reply: sent by the calling thread when it can (one hand-off less), else queued. */
  void sendAll(List<Message> ms) {
    if (direct.test(ms)) {
      return;
    }
    synchronized (this) {
      queue.addAll(ms);
    }
    wakeup.run();
  }

  /**
   * The worker's output and reply of a task: held, when {@code moreQueued} (another task
   * waits to run) and the hold limits allow, to go with a later reply; else sent
   * ({@link #sendAll}) with those held before.
   */
  void reply(List<Message> ms, boolean moreQueued) {
    if (!moreQueued || !hold(ms)) {
      sendAll(ms);
    }
  }

  private boolean hold(List<Message> ms) {
    long now = clock.getAsLong();
    boolean first;
    synchronized (this) {
      if (held != queue.size() || held + ms.size() > MAX_HELD || (held > 0 && now - heldSince >= HOLD_NANOS)) {
        return false; // others wait to go now, or enough is held: all of it goes now
      }
      first = held == 0;
      if (first) {
        heldSince = now;
      }
      queue.addAll(ms);
      held += ms.size();
    }
    if (first) {
      wakeup.run(); // so the I/O thread sends them in time, should the next task run long
    }
    return true;
  }

  /**
   * Nanos until the I/O thread should send what waits here: 0 now, {@link Long#MAX_VALUE} when
   * nothing waits.
   */
  synchronized long dueIn(long now) {
    if (queue.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (held < queue.size()) {
      return 0;
    }
    return Math.max(0, heldSince + HOLD_LIMIT_NANOS - now);
  }

  /** Everything waiting, in order (held replies included). */
  synchronized List<Message> takeAll() {
    if (queue.isEmpty()) {
      return new ArrayList<>(4);
    }
    List<Message> all = new ArrayList<>(queue);
    queue.clear();
    held = 0;
    heldSince = 0;
    return all;
  }
}
