package io.jparallel.engine;

import io.jparallel.wire.Message;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Messages other threads hand to the I/O thread, which alone owns the socket. */
final class Outbox {
  private final Queue<Message> queue = new ConcurrentLinkedQueue<>();
  private final Wakeup wakeup;

  Outbox(Wakeup wakeup) {
    this.wakeup = wakeup;
  }

  void send(Message m) {
    queue.add(m);
    wakeup.wake();
  }

  void sendAll(Iterable<Message> ms) {
    for (Message m : ms) {
      queue.add(m);
    }
    wakeup.wake();
  }

  Message poll() {
    return queue.poll();
  }

  Wakeup wakeup() {
    return wakeup;
  }
}
