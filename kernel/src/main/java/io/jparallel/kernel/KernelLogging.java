package io.jparallel.kernel;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The kernel process logs to stderr (which Jupyter keeps in its server log) at WARNING:
 * dropped messages and failures, not every message as basekernel does at INFO.
 * {@code -Djparallel.kernel.log=FINE} shows more.
 */
final class KernelLogging {
  private KernelLogging() {}

  static void configure() {
    System.setProperty("java.util.logging.SimpleFormatter.format", "[jparallel-kernel %4$s] %5$s%6$s%n");
    Level level = Level.parse(System.getProperty("jparallel.kernel.log", "WARNING"));
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler stderr = new ConsoleHandler();
    stderr.setFormatter(new SimpleFormatter());
    stderr.setLevel(Level.ALL);
    root.addHandler(stderr);
    root.setLevel(Level.WARNING);
    Logger.getLogger("io.jparallel.kernel").setLevel(level);
    // basekernel's loggers ("Jupyter" and its channels) log every message at INFO: silence them.
    Logger.getLogger("Jupyter").setLevel(Level.OFF);
    Logger.getLogger("io.github.spencerpark").setLevel(Level.OFF);
  }
}
