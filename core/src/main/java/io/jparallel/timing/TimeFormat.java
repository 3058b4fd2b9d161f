package io.jparallel.timing;

/**
 * IPython's {@code _format_time}: a duration in seconds as {@code "1.23 µs"}, {@code "45.6 ms"},
 * {@code "12.3 s"} (precision significant digits, units s, ms, µs, ns), or, from one minute
 * up, as {@code "1h 2min 3s"}.
 */
public final class TimeFormat {
  /** IPython's default precision. */
  public static final int DEFAULT_PRECISION = 3;

  private static final String[] UNITS = {"s", "ms", "\u00b5s", "ns"};
  private static final double[] SCALING = {1, 1e3, 1e6, 1e9};
  private static final String[] LONG_SUFFIXES = {"d", "h", "min", "s"};
  private static final long[] LONG_LENGTHS = {86400, 3600, 60, 1};

  private TimeFormat() {}

  /** {@code _format_time(seconds)} with precision 3. */
  public static String format(double seconds) {
    return format(seconds, DEFAULT_PRECISION);
  }

  /** {@code _format_time(seconds, precision)}. */
  public static String format(double seconds, int precision) {
    if (seconds >= 60.0) {
      return formatLong(seconds);
    }
    int order;
    if (seconds > 0.0) {
      int exponent = (int) Math.floor(Math.log10(seconds));
      order = Math.min(-Math.floorDiv(exponent, 3), 3);
    } else {
      order = 3;
    }
    return PyFormat.g(seconds * SCALING[order], precision) + " " + UNITS[order];
  }

  private static String formatLong(double seconds) {
    StringBuilder out = new StringBuilder();
    double leftover = seconds;
    for (int i = 0; i < LONG_SUFFIXES.length; i++) {
      long value = (long) (leftover / LONG_LENGTHS[i]);
      if (value > 0) {
        leftover = leftover % LONG_LENGTHS[i];
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(value).append(LONG_SUFFIXES[i]);
      }
      if (leftover < 1) {
        break;
      }
    }
    return out.toString();
  }
}
