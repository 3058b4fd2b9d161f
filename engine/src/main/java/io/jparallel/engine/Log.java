package io.jparallel.engine;

import java.io.PrintStream;
import java.time.Instant;

/** One line per event on the process's original standard error (never the captured stream). */
final class Log {
  private static final PrintStream ERR = OutputCapture.originalErr();

  private Log() {}

  static void info(String prefix, String message) {
    ERR.println(Instant.now() + " [" + prefix + "] " + message);
    ERR.flush();
  }
}
