package io.jparallel.wire;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One line per event on stderr (launchers redirect it to the profile's log directory):
 * {@code 2026-11-25T19:30:00.123Z controller INFO engine 2 registered}. Lines about bad input
 * go through {@link #bad}, which writes at most {@link #BAD_LINES_PER_WINDOW} of a kind per
 * {@link #BAD_WINDOW_MS} and then one line counting the rest, so a flood of garbage cannot
 * flood the log.
 */
public final class Log {
  static final int BAD_LINES_PER_WINDOW = 10;
  static final long BAD_WINDOW_MS = 10_000;

  private static volatile PrintStream out = System.err;
  private static volatile boolean debug = Boolean.getBoolean("jparallel.debug");

  private final String component;
  private final Map<String, long[]> badKinds = new HashMap<>();

  private Log(String component) {
    this.component = component;
  }

  public static Log of(String component) {
    return new Log(component);
  }

  /** Where log lines go; engines point this at the real stderr before capturing task output. */
  public static void to(PrintStream stream) {
    out = stream;
  }

  public void info(String message) {
    line("INFO", message);
  }

  public void warn(String message) {
    line("WARN", message);
  }

  /** A warning with the stack trace of what caused it. */
  public void warn(String message, Throwable cause) {
    java.io.StringWriter trace = new java.io.StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    line("WARN", message + ": " + trace.toString().stripTrailing());
  }

  public void debug(String message) {
    if (debug) {
      line("DEBUG", message);
    }
  }

  /**
   * A warning about bad input (a forged, malformed, oversized or replayed message), limited per
   * {@code kind}: past {@link #BAD_LINES_PER_WINDOW} lines in a window, the rest are counted and
   * reported in one line when the next window starts.
   */
  public void bad(String kind, String message) {
    long now = System.currentTimeMillis();
    String summary = null;
    boolean write;
    synchronized (badKinds) {
      long[] s = badKinds.computeIfAbsent(kind, k -> new long[3]); // window start, lines, suppressed
      if (now - s[0] >= BAD_WINDOW_MS) {
        if (s[2] > 0) {
          summary = s[2] + " more '" + kind + "' line(s) suppressed in the last " + (now - s[0]) / 1000 + " s";
        }
        s[0] = now;
        s[1] = 0;
        s[2] = 0;
      }
      write = s[1]++ < BAD_LINES_PER_WINDOW;
      if (!write) {
        s[2]++;
      }
    }
    if (summary != null) {
      line("WARN", summary);
    }
    if (write) {
      line("WARN", message);
    }
  }

  private void line(String level, String message) {
    PrintStream o = out;
    o.println(Instant.now() + " " + component + " " + level + " " + message);
    o.flush();
  }
}
