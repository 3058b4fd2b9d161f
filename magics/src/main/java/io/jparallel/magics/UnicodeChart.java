package io.jparallel.magics;

import io.jparallel.timing.PyFormat;
import java.util.List;

/**
 * Small charts for terminals, as {@code %bench} prints them: horizontal bars drawn with
 * eighth blocks ({@code ▏▎▍▌▋▊▉█}) beside a label and a value text, and sparklines
 * ({@code ▁▂▃▄▅▆▇█}).
 * <pre>
 * n=16    ████████████▍                   12,345/s
 * n=4096  ████████████████████████████████ 31,900/s
 * </pre>
 */
public final class UnicodeChart {
  /** Bar cells used when no width is given. */
  public static final int DEFAULT_BAR_WIDTH = 40;

  private static final char FULL = '\u2588';
  private static final String EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589";
  private static final String LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

  private UnicodeChart() {}

  /** One row: label, value (scaled to the bar), and the text shown after the bar. */
  public record Bar(String label, double value, String valueText) {
    /** A bar whose text is the value with thousands separators and a unit, e.g. {@code 12,345/s}. */
    public static Bar of(String label, double value, String unit) {
      return new Bar(label, value, number(value) + unit);
    }
  }

  /** Bars of at most {@link #DEFAULT_BAR_WIDTH} cells, the largest value filling them. */
  public static String bars(List<Bar> rows) {
    return bars(rows, DEFAULT_BAR_WIDTH);
  }

  /**
   * One line per row: the label padded to the longest, the bar ({@code barWidth} cells for the
   * largest value, eighths of a cell in between; zero, negative and NaN values draw nothing),
   * then the value text. Lines end without trailing spaces.
   */
  public static String bars(List<Bar> rows, int barWidth) {
    int width = Math.max(1, barWidth);
    int labelWidth = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
    double max = rows.stream().mapToDouble(Bar::value).filter(v -> v > 0 && Double.isFinite(v)).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (Bar row : rows) {
      String line = pad(row.label(), labelWidth) + "  " + pad(bar(row.value(), max, width), width) + " " + row.valueText();
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** A bar of {@code value / max * width} cells, in eighths. */
  public static String bar(double value, double max, int width) {
    if (!(value > 0) || !(max > 0) || !Double.isFinite(value)) {
      return "";
    }
    long eighths = Math.round(Math.min(value / max, 1.0) * width * 8);
    StringBuilder out = new StringBuilder();
    for (long i = 0; i < eighths / 8; i++) {
      out.append(FULL);
    }
    int rest = (int) (eighths % 8);
    if (rest > 0) {
      out.append(EIGHTHS.charAt(rest));
    }
    return out.toString();
  }

  /** A sparkline, one character per value, lowest value ▁, highest █ (all equal: ▁; NaN: space). */
  public static String sparkline(double... values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    StringBuilder out = new StringBuilder();
    for (double v : values) {
      if (!Double.isFinite(v)) {
        out.append(' ');
      } else {
        int level = max > min ? (int) Math.round((v - min) / (max - min) * (LEVELS.length() - 1)) : 0;
        out.append(LEVELS.charAt(level));
      }
    }
    return out.toString();
  }

  /** A sparkline of at most {@code maxWidth} characters: consecutive values averaged into buckets. */
  public static String sparkline(double[] values, int maxWidth) {
    int width = Math.max(1, maxWidth);
    if (values.length <= width) {
      return sparkline(values);
    }
    double[] buckets = new double[width];
    for (int b = 0; b < width; b++) {
      int from = (int) ((long) b * values.length / width);
      int to = (int) ((long) (b + 1) * values.length / width);
      double sum = 0;
      int n = 0;
      for (int i = from; i < to; i++) {
        if (Double.isFinite(values[i])) {
          sum += values[i];
          n++;
        }
      }
      buckets[b] = n == 0 ? Double.NaN : sum / n;
    }
    return sparkline(buckets);
  }

  /** {@code 12,345} from 100 up, 3 significant digits below ({@code 45.6}, {@code 0.123}). */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return PyFormat.g(value, 3);
    }
    return Math.abs(value) >= 100 ? String.format(java.util.Locale.ROOT, "%,d", Math.round(value)) : PyFormat.g(value, 3);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
