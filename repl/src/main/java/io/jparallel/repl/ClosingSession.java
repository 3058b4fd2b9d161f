package io.jparallel.repl;

import io.jparallel.session.ProcessLog;
import io.jparallel.session.Session;
import io.jparallel.session.SessionOptions;

/**
 * A {@link Session} that is closed exactly once: by {@link #close()} or, if the JVM exits
 * first (a signal, {@code System.exit}), by a shutdown hook, so no cluster it started
 * outlives the process.
 */
final class ClosingSession implements AutoCloseable {
  private final Session session;
  private final Thread hook;
  private boolean closed;

  private ClosingSession(Session session) {
    this.session = session;
    this.hook = new Thread(this::close, "jparallel-session-close");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Opens a session; a failure is the session's one-line {@code JParallelException}. */
  static ClosingSession open(SessionOptions options) {
    return open(options, false);
  }

  /** Opens a session, a local cluster starting behind it when {@code behind} ({@link Session#open(SessionOptions, boolean)}). */
  static ClosingSession open(SessionOptions options, boolean behind) {
    ProcessLog.toProfile(options.profile());
    return new ClosingSession(Session.open(options, behind));
  }

  Session session() {
    return session;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } finally {
      if (Thread.currentThread() != hook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or about to; closed is already set
        }
      }
    }
  }
}
