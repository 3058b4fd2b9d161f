package io.jparallel.client;

import io.jparallel.timing.TimeFormat;
import java.time.Duration;

/**
 * One line of progress for the REPL, fitted to the terminal width:
 * {@code [#####.....] 5/10 tasks, 1.2 s}. When the width is too small for a bar of at least
 * {@value #MIN_BAR} cells the bar is left out; the line never exceeds the width.
 *
 * @param unit what is counted ({@code tasks})
 * @param width terminal columns available
 */
public record ProgressBar(String unit, int width) {
  /** Narrowest bar drawn. */
  public static final int MIN_BAR = 5;

  public ProgressBar {
    if (width < 1) {
      throw new IllegalArgumentException("width must be positive but was " + width);
    }
  }

  public static ProgressBar tasks(int width) {
    return new ProgressBar("tasks", width);
  }

  /** The line for {@code done} of {@code total} after {@code elapsed}. */
  public String render(long done, long total, Duration elapsed) {
    long shownDone = Math.max(0, total > 0 ? Math.min(done, total) : done);
    String status = shownDone + "/" + Math.max(total, 0) + " " + unit + ", "
        + TimeFormat.format(elapsed.toNanos() / 1e9);
    int barCells = width - status.length() - 3;
    if (barCells < MIN_BAR) {
      return status.length() <= width ? status : status.substring(0, width);
    }
    int filled = total <= 0 ? barCells : (int) (shownDone * barCells / total);
    return "[" + "#".repeat(filled) + ".".repeat(barCells - filled) + "] " + status;
  }
}
