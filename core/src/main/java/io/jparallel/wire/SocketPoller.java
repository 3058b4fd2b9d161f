package io.jparallel.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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
  /** How long a wait sleeps before it selects again after a second early signal. */
  static final long EARLY_PARK_NANOS = 50_000;

  private final Selector selector;
  private final ZMQ.Socket[] sockets;
  /** Set by {@link #wakeup()}: a wait that a signal and a wake-up ended together returns. */
  private volatile boolean woken;

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
    if (anyReadable()) {
      return; // no system call: a wake-up still pending only ends the next wait early
    }
    await(timeoutMs, this::anyReadable);
  }

  /**
   * Waits up to {@code timeoutMs} (at least 1 ms) for a socket signal or a wake-up, without
   * asking the sockets first: for an owner that asked them itself (under the lock it shares
   * with other threads that use the socket; they wake it when their use took in a signal).
   * {@code readable} asks them again (under that lock) when a signal ends the wait: one that
   * brought nothing to read came early ({@link #EARLY_PARK_NANOS}), and the wait goes on.
   */
  public void await(long timeoutMs, BooleanSupplier readable) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMs));
    for (int early = 0; ; early++) {
      if (early > 0) {
        // JeroMQ writes a signal's byte before it counts it (zmq.Signaler#send): the thread woken
        // by the byte finds nothing to take while the writer, whose core the wake-up took, has not
        // counted it yet, and the channel stays readable, so every select returns at once until
        // the writer runs again. Under load that spun the engines' I/O threads through ~9 empty
        // turns a task: let the writer run instead (a yield, then short sleeps).
        if (early == 1) {
          Thread.yield();
        } else {
          LockSupport.parkNanos(EARLY_PARK_NANOS);
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      int signalled;
      try {
        signalled = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (woken) {
        woken = false;
        return;
      }
      if (signalled == 0 || readable.getAsBoolean()) {
        return; // a wake-up, the time is up, or something to read
      }
    }
  }

  private boolean anyReadable() {
    for (ZMQ.Socket s : sockets) {
      if (Sockets.readable(s)) {
        return true;
      }
    }
    return false;
  }

  /** Ends the current or next {@link #poll}. Any thread may call it. */
  public void wakeup() {
    woken = true;
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
