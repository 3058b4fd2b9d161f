package io.jparallel.repl;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Watches the keyboard while a cell runs: Ctrl-C calls {@code onInterrupt}, other keys are
 * kept as type-ahead for the next prompt.
 *
 * <p>The REPL turns the terminal's signal keys off ({@code ISIG}) for its whole life, so
 * Ctrl-C is a key it reads rather than a {@code SIGINT} the terminal sends to every process
 * of the foreground group, which includes the engine JVMs of the local cluster.
 */
final class InterruptKeys implements AutoCloseable {
  private static final int CTRL_C = 3;
  private static final long POLL_MS = 50;

  private final Terminal terminal;
  private final Attributes before;
  private final Runnable onInterrupt;
  private final StringBuilder typeAhead = new StringBuilder();
  private final Thread thread;
  private volatile boolean stop;

  private InterruptKeys(Terminal terminal, Runnable onInterrupt) {
    this.terminal = terminal;
    this.onInterrupt = onInterrupt;
    this.before = terminal.enterRawMode(); // keys one by one, no echo; ISIG stays as the REPL set it (off)
    this.thread = new Thread(this::watch, "jparallel-interrupt-keys");
    thread.setDaemon(true);
    thread.start();
  }

  static InterruptKeys watch(Terminal terminal, Runnable onInterrupt) {
    return new InterruptKeys(terminal, onInterrupt);
  }

  private void watch() {
    NonBlockingReader keys = terminal.reader();
    try {
      while (!stop) {
        int c = keys.read(POLL_MS);
        if (c == NonBlockingReader.EOF) {
          return;
        }
        if (c == CTRL_C) {
          onInterrupt.run();
        } else if (c >= 0) {
          synchronized (typeAhead) {
            typeAhead.append((char) c);
          }
        }
      }
    } catch (InterruptedIOException e) {
      // stopped
    } catch (IOException e) {
      // the terminal is gone: nothing to watch
    }
  }

  /** Stops watching, restores the terminal and returns the keys typed meanwhile. */
  String stop() {
    stop = true;
    try {
      thread.join(POLL_MS * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    terminal.setAttributes(before);
    synchronized (typeAhead) {
      return typeAhead.toString();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
