package io.jparallel.engine;

import io.jparallel.wire.Message;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Messages other threads hand to the I/O thread, which alone owns the socket; each hand-off
 * wakes the I/O thread's {@link io.jparallel.wire.SocketPoller} (a selector wake-up, which an
 * interrupted caller cannot break).
 */
final class Outbox {
  private final Queue<Message> queue = new ConcurrentLinkedQueue<>();
  private volatile Runnable wakeup = () -> { };

  /** The I/O thread's wake-up, set once its poller exists (until then it polls on a timer). */
  void wakeupWith(Runnable w) {
    this.wakeup = w;
  }

  void wake() {
    wakeup.run();
  }

  void send(Message m) {
    queue.add(m);
    wakeup.run();
  }

  void sendAll(Iterable<Message> ms) {
    for (Message m : ms) {
      queue.add(m);
    }
    wakeup.run();
  }

  Message poll() {
    return queue.poll();
  }
}
