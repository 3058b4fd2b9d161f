package io.jparallel.cli;

import io.jparallel.controller.Scheme;
import picocli.CommandLine.Option;

/** {@code --scheme} and {@code --hwm}, shared by the commands that start a controller. */
final class SchedulerOptions {
  @Option(names = "--scheme", defaultValue = "leastload", description = "load balancing: leastload (default), lru, random, pure")
  String scheme;

  @Option(names = "--hwm", defaultValue = "0",
      description = "tasks an engine may hold at once; 0 (default) adapts it to task run times, 1 balances purely")
  int hwm;

  Scheme parsedScheme() {
    return Scheme.parse(scheme);
  }
}
