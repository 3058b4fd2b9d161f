package io.jparallel.engine;

import io.jparallel.wire.Message;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Messages other threads hand to the I/O thread, which serves the socket; each hand-off
 * wakes the I/O thread's {@link io.jparallel.wire.SocketPoller} (a selector wake-up, which an
 * interrupted caller cannot break). A worker's task output and reply go out from the worker
 * itself when the socket's lock is free and nothing waits here ({@link #directWith}).
 */
final class Outbox {
  private final Queue<Message> queue = new ConcurrentLinkedQueue<>();
  private volatile Runnable wakeup = () -> { };
  private volatile Predicate<List<Message>> direct = ms -> false;

  /** The I/O thread's wake-up, set once its poller exists (until then it polls on a timer). */
  void wakeupWith(Runnable w) {
    this.wakeup = w;
  }

  /** Sends a worker's messages at once when the socket is free and nothing waits here (set by the I/O thread). */
  void directWith(Predicate<List<Message>> d) {
    this.direct = d;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  void wake() {
    wakeup.run();
  }

  void send(Message m) {
    queue.add(m);
    wakeup.run();
  }

  /** A task's output and reply: sent by the calling thread when it can (one hand-off less), else queued. */
  void sendAll(List<Message> ms) {
    if (queue.isEmpty() && direct.test(ms)) {
      return;
    }
    for (Message m : ms) {
      queue.add(m);
    }
    wakeup.run();
  }

  Message poll() {
    return queue.poll();
  }
}
