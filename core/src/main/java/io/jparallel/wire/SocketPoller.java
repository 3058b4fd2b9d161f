package io.jparallel.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import org.zeromq.ZMQ;
import zmq.poll.PollItem;

/**
 * Waits until one of a thread's sockets is readable or another thread calls {@link #wakeup()}.
 * The wake-up is the poll selector's own, so it is cheap, is never lost (a wake-up before
 * the wait ends the next wait at once), and, unlike writing to a pipe, cannot close anything
 * when the waking thread happens to be interrupted.
 */
public final class SocketPoller implements AutoCloseable {
  private final Selector selector;
  private final PollItem[] items;

  public SocketPoller(ZMQ.Socket... sockets) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    items = new PollItem[sockets.length];
    for (int i = 0; i < sockets.length; i++) {
      items[i] = new PollItem(sockets[i].base(), ZMQ.Poller.POLLIN);
    }
  }

  /** Waits up to {@code timeoutMs} (at least 1 ms); returns how many sockets are readable. */
  public int poll(long timeoutMs) {
    return zmq.ZMQ.poll(selector, items, items.length, Math.max(1, timeoutMs));
  }

  public boolean readable(int index) {
    return items[index].isReadable();
  }

  /** Ends the current or next {@link #poll}. Any thread may call it. */
  public void wakeup() {
    selector.wakeup();
  }

  @Override
  public void close() {
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
