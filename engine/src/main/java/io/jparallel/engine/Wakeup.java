package io.jparallel.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the I/O thread out of its poll: a non-blocking {@link Pipe} whose source end is
 * registered in the I/O thread's poller. A pipe channel is closed when a thread is
 * interrupted while writing to it, so every write happens under {@link #lock} with the
 * writer's interrupt status cleared, and the engine interrupts task threads only while it
 * holds the same lock ({@link #interruptSafely}).
 */
final class Wakeup implements AutoCloseable {
  private final Object lock = new Object();
  private final AtomicBoolean signalled = new AtomicBoolean();
  private final ByteBuffer one = ByteBuffer.allocate(1);
  private final ByteBuffer drain = ByteBuffer.allocate(64);
  private volatile Pipe pipe;

  Wakeup() {
    pipe = open();
  }

  private static Pipe open() {
    try {
      Pipe p = Pipe.open();
      p.source().configureBlocking(false);
      p.sink().configureBlocking(false);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the wake-up pipe", e);
    }
  }

  SelectableChannel source() {
    return pipe.source();
  }

  /** Called by any thread. Coalesces: one byte until the I/O thread {@link #clear()}s. */
  void wake() {
    if (!signalled.compareAndSet(false, true)) {
      return;
    }
    synchronized (lock) {
      boolean interrupted = Thread.interrupted();
      try {
        one.clear();
        pipe.sink().write(one);
      } catch (IOException e) {
        // closed (engine stopping) or broken: the I/O thread polls with a bounded timeout
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Runs {@code interrupt} (which interrupts task threads) so that it cannot hit a pipe write. */
  void interruptSafely(Runnable interrupt) {
    synchronized (lock) {
      interrupt.run();
    }
  }

  /** I/O thread: consumes pending wake-up bytes. False if the pipe broke and must be re-registered. */
  boolean clear() {
    signalled.set(false);
    try {
      while (true) {
        drain.clear();
        if (pipe.source().read(drain) <= 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** I/O thread: replaces a broken pipe; returns the new source to register. */
  SelectableChannel reopen() {
    synchronized (lock) {
      closeQuietly();
      pipe = open();
      return pipe.source();
    }
  }

  boolean isOpen() {
    return pipe.sink().isOpen() && pipe.source().isOpen();
  }

  @Override
  public void close() {
    synchronized (lock) {
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      pipe.sink().close();
    } catch (IOException ignored) {
      // closing
    }
    try {
      pipe.source().close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
