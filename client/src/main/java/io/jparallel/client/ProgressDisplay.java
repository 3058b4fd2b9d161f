package io.jparallel.client;

import java.time.Duration;

/**
 * Shows the progress of a wait ({@link AsyncResult#waitInteractive()},
 * {@link AsyncResult#await(Duration, ProgressDisplay, java.util.function.BooleanSupplier)}).
 * A session's cell output is one (the REPL draws a one-line bar, the kernel an updating
 * display); without one the wait draws a bar on System.out.
 *
 * <p>Which display a wait uses is bound to its thread ({@link #showOn}), and to the threads
 * that thread starts (a session binds its cell's output before running the cell), so two
 * sessions in one JVM each see their own waits.
 */
public interface ProgressDisplay {
  /** Called about every 100 ms while waiting, once the wait has lasted about a second. */
  void update(int done, int total, Duration elapsed);

  /** Called once when the wait ends (if {@link #update} was called); removes the bar. */
  void finish(int done, int total, Duration elapsed);

  /** A bar on System.out, redrawn in place. */
  static ProgressDisplay console() {
    return new ConsoleProgress();
  }

  /** Waits on this thread, and on the threads it starts from now on, show on {@code display} (null: the console). */
  static void showOn(ProgressDisplay display) {
    ConsoleProgress.BOUND.set(display);
  }

  /** The display waits on this thread show on. */
  static ProgressDisplay current() {
    ProgressDisplay d = ConsoleProgress.BOUND.get();
    return d == null ? new ConsoleProgress() : d;
  }
}

/** The bar on System.out, and the binding of displays to threads. */
final class ConsoleProgress implements ProgressDisplay {
  static final InheritableThreadLocal<ProgressDisplay> BOUND = new InheritableThreadLocal<>();
  private int lastLength;

  @Override
  public synchronized void update(int done, int total, Duration elapsed) {
    String line = ProgressBar.tasks(50).render(done, total, elapsed);
    System.out.print("\r" + line);
    System.out.flush();
    lastLength = line.length();
  }

  @Override
  public synchronized void finish(int done, int total, Duration elapsed) {
    System.out.print("\r" + " ".repeat(lastLength) + "\r");
    System.out.flush();
  }
}
