package io.jparallel.session;

import java.time.Duration;

/**
 * Where a cell's output goes while it runs. The REPL writes to its terminal; the kernel
 * publishes IOPub messages. Implementations must be thread-safe: output of remote tasks
 * ({@code %px --stream}, {@code --noblock}) arrives on other threads.
 */
public interface SessionOutput {
  void stdout(String text);

  void stderr(String text);

  /** A rich value: {@code display(obj)} in user code, {@code %px} result tables, {@code %bench} charts. */
  void display(Display display);

  /** Progress of a long wait (called about every 100 ms once it has lasted about a second). */
  default void progress(int done, int total, Duration elapsed) {}

  /** The wait ended: remove the progress display. */
  default void progressDone() {}

  /**
   * Whether output printed after the cell ended (background threads, {@code --noblock}
   * tasks) should come here. A silent output says no: the previous cell's output keeps it.
   */
  default boolean receivesLateOutput() {
    return true;
  }
}
