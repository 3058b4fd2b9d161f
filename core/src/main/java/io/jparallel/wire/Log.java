package io.jparallel.wire;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * One line per event on stderr (launchers redirect it to the profile's log directory):
 * {@code 2026-11-25T19:30:00.123Z controller INFO engine 2 registered}.
 */
public final class Log {
  private static volatile PrintStream out = System.err;
  private static volatile boolean debug = Boolean.getBoolean("jparallel.debug");

  private final String component;

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

  private void line(String level, String message) {
    out.println(Instant.now() + " " + component + " " + level + " " + message);
  }
}
