package io.jparallel.timing;

/**
 * What {@code %time} / {@code %%time} print, as IPython:
 * <pre>
 * CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms
 * Wall time: 2.3 ms
 * </pre>
 * {@code sys} is {@code total - user} (thread CPU time minus thread user time). A CPU time that
 * could not be measured is {@code NaN}: without a user time only the total is shown
 * ({@code CPU times: total: 1.2 ms}, IPython's form on Windows), without either no CPU line.
 *
 * @param userSeconds user-mode CPU time of the thread that ran the code
 * @param totalSeconds total CPU time of that thread
 * @param wallSeconds elapsed wall-clock time
 * @param compileSeconds time spent compiling, shown as {@code Compiler : ...} above 0.1 s; 0 when unknown
 */
public record TimeMagicResult(double userSeconds, double totalSeconds, double wallSeconds, double compileSeconds) {
  /** IPython shows the compile time when it exceeds this many seconds. */
  public static final double COMPILE_TIME_SHOWN_ABOVE = 0.1;

  public static TimeMagicResult of(double userSeconds, double totalSeconds, double wallSeconds) {
    return new TimeMagicResult(userSeconds, totalSeconds, wallSeconds, 0);
  }

  public TimeMagicResult withCompileSeconds(double seconds) {
    return new TimeMagicResult(userSeconds, totalSeconds, wallSeconds, seconds);
  }

  /** System CPU time, {@code total - user} (never negative). */
  public double sysSeconds() {
    return Math.max(0, totalSeconds - userSeconds);
  }

  /** The CPU line, or an empty string when CPU time is not available. */
  public String cpuLine() {
    if (Double.isNaN(totalSeconds)) {
      return "";
    }
    if (Double.isNaN(userSeconds)) {
      return "CPU times: total: " + TimeFormat.format(totalSeconds);
    }
    return "CPU times: user " + TimeFormat.format(userSeconds) + ", sys: " + TimeFormat.format(sysSeconds())
        + ", total: " + TimeFormat.format(totalSeconds);
  }

  /** {@code Wall time: 2.3 ms}. */
  public String wallLine() {
    return "Wall time: " + TimeFormat.format(wallSeconds);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    String cpu = cpuLine();
    if (!cpu.isEmpty()) {
      out.append(cpu).append('\n');
    }
    out.append(wallLine());
    if (compileSeconds > COMPILE_TIME_SHOWN_ABOVE) {
      out.append("\nCompiler : ").append(TimeFormat.format(compileSeconds));
    }
    return out.toString();
  }
}
