package REPL;

/**
 * The stop flag that JShell's local execution weaves into snippet code on newer JDKs (a call
 * to {@code REPL.$Cancel$.stopCheck()} at each method start and backward branch). The JDK
 * defines this class itself only on a code path we do not take (its own snippet thread), so
 * {@link io.jparallel.jshell.SnippetLoaderDelegate} defines a copy of it in each JShell's
 * snippet loader, and {@link io.jparallel.jshell.SnippetExecutionControl#stop()} raises the
 * flag of that copy. On JDK 17 nothing refers to it.
 */
public final class $Cancel$ {
  /** Set to stop the snippets of the loader that defined this copy. */
  public static volatile boolean allStop;

  private $Cancel$() {}

  /** Throws {@link ThreadDeath} once {@link #allStop} is set: the snippet unwinds as a stopped one. */
  public static void stopCheck() {
    if (allStop) {
      throw new ThreadDeath();
    }
  }
}
