package io.jparallel.session;

import io.jparallel.client.ProgressDisplay;
import java.time.Duration;

/**
 * Where a cell's output goes while it runs. The REPL writes to its terminal; the kernel
 * publishes IOPub messages. Implementations must be thread-safe: output of remote tasks
 * ({@code %px --stream}, {@code --noblock}) arrives on other threads. It is also the
 * {@link ProgressDisplay} of the cell's waits ({@code %px}, {@code ar.waitInteractive()}).
 */
public interface SessionOutput extends ProgressDisplay {
  void stdout(String text);

  void stderr(String text);

  /** A rich value: {@code display(obj)} in user code, {@code %px} result tables, {@code %bench} charts. */
  void display(Display display);

  /** Progress of a long wait (called about every 100 ms once it has lasted about a second); none by default. */
  @Override
  default void update(int done, int total, Duration elapsed) {}

  /** The wait ended: remove the progress display. */
  @Override
  default void finish(int done, int total, Duration elapsed) {}

  /**
   * Whether output printed after the cell ended (background threads, {@code --noblock}
   * tasks) should come here. A silent output says no: the previous cell's output keeps it.
   */
  default boolean receivesLateOutput() {
    return true;
  }
}
