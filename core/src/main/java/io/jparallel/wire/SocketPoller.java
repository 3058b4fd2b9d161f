package io.jparallel.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.zeromq.ZMQ;

/**
 * Waits until one of a thread's sockets may have something to read, or another thread calls
 * {@link #wakeup()}. It selects on the sockets' signalling channels ({@code ZMQ_FD}) directly,
 * so the selector's own wake-up works: cheap, never lost (a wake-up before the wait ends the
 * next wait at once) and, unlike writing to a pipe, unable to close anything when the waking
 * thread happens to be interrupted. As with {@code ZMQ_FD}, readiness is a hint: after every
 * return the owner drains its sockets with non-blocking receives until they are empty.
 */
public final class SocketPoller implements AutoCloseable {
  private final Selector selector;
  private final ZMQ.Socket[] sockets;

  public SocketPoller(ZMQ.Socket... sockets) {
    this.sockets = sockets.clone();
    try {
      selector = Selector.open();
      for (ZMQ.Socket s : sockets) {
        SelectableChannel fd = s.getFD();
        fd.configureBlocking(false);
        fd.register(selector, SelectionKey.OP_READ);
      }
    } catch (ClosedChannelException e) {
      throw new IllegalStateException("socket closed", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  /**
   * Waits up to {@code timeoutMs} (at least 1 ms) for a socket signal or a wake-up. A socket
   * that already holds messages ends the wait at once: sending on a socket may consume the
   * signal of a message that arrived meanwhile, so ZMQ_FD alone would sleep through it.
   */
  public void poll(long timeoutMs) {
    try {
      for (ZMQ.Socket s : sockets) {
        if ((s.getEvents() & ZMQ.Poller.POLLIN) != 0) {
          return; // no system call: a wake-up still pending only ends the next wait early
        }
      }
      selector.select(Math.max(1, timeoutMs));
      selector.selectedKeys().clear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits up to {@code timeoutMs} (at least 1 ms) for a socket signal or a wake-up, without
   * asking the sockets first: for an owner that asked them itself (under the lock it shares
   * with other threads that use the socket; they wake it when their use took in a signal).
   */
  public void await(long timeoutMs) {
    try {
      selector.select(Math.max(1, timeoutMs));
      selector.selectedKeys().clear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
