package io.jparallel.session;

import io.jparallel.client.Client;
import io.jparallel.client.ProgressDisplay;

/**
 * What the in-process code of one session reaches without being handed it: the output of
 * its running cell ({@code System.out}/{@code err} through the {@link OutputRouter},
 * {@code display(obj)}, the progress of waits), its display renderers, and its client
 * ({@code rc}). A session binds its context to the thread that runs its cells, before each
 * cell; the threads that thread starts (JShell runs each snippet on a new one) inherit it.
 * So two sessions in one JVM keep their output apart. Code on a thread no session started
 * (a shared pool's worker) reaches the session that ran a cell last.
 */
final class SessionContext {
  private static final InheritableThreadLocal<SessionContext> BOUND = new InheritableThreadLocal<>();
  private static volatile SessionContext lastActive;

  private final Displays displays = new Displays();
  private volatile SessionOutput output;
  private volatile Client client;

  /** The context of the session this thread belongs to, else the last active one; null if none. */
  static SessionContext current() {
    SessionContext bound = BOUND.get();
    return bound != null ? bound : lastActive;
  }

  /** Binds this context to the calling thread (and the threads it starts), e.g. at a session's start. */
  void bindToCurrentThread() {
    BOUND.set(this);
    lastActive = this;
  }

  /** A cell starts on the calling thread: its output, and its waits' progress, go to {@code out}. */
  void enterCell(SessionOutput out) {
    bindToCurrentThread();
    output = out;
    ProgressDisplay.showOn(out);
  }

  /** Where the session's in-process output goes now: the running (or last) cell's; null before the first cell. */
  SessionOutput output() {
    return output;
  }

  /** Output from now on goes to {@code out} (a silent cell gives the previous cell's output back its late output). */
  void output(SessionOutput out) {
    output = out;
  }

  Displays displays() {
    return displays;
  }

  Client client() {
    return client;
  }

  void client(Client c) {
    client = c;
  }

  /** The session closed: its output and client are gone; it is no longer the fallback. */
  void close() {
    output = null;
    client = null;
    if (lastActive == this) {
      lastActive = null;
    }
  }
}
