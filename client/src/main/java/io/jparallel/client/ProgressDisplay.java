package io.jparallel.client;

import java.time.Duration;

/**
 * Shows the progress of a wait ({@link AsyncResult#waitInteractive()}). The REPL draws a
 * one-line bar, the kernel an updating display; the default writes a bar to System.out.
 */
public interface ProgressDisplay {
  /** Called about every 100 ms while waiting, once the wait has lasted about a second. */
  void update(int done, int total, Duration elapsed);

  /** Called once when the wait ends (if {@link #update} was called); removes the bar. */
  void finish(int done, int total, Duration elapsed);

  /** The display used when nothing else was installed. */
  static ProgressDisplay console() {
    return new ConsoleProgress();
  }

  /** Installs the display for this JVM (a REPL or kernel session does this). */
  static void install(ProgressDisplay display) {
    ConsoleProgress.current = display;
  }

  static ProgressDisplay current() {
    return ConsoleProgress.current;
  }

  /** Renders {@code [#####.....] 5/10 tasks, 1.2 s} in {@code width} bar cells. */
  static String bar(int done, int total, Duration elapsed, int width) {
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total
        + " tasks, " + String.format("%.1f s", elapsed.toMillis() / 1000.0);
  }
}

final class ConsoleProgress implements ProgressDisplay {
  static volatile ProgressDisplay current = new ConsoleProgress();
  private int lastLength;

  @Override
  public synchronized void update(int done, int total, Duration elapsed) {
    String line = ProgressDisplay.bar(done, total, elapsed, 30);
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
