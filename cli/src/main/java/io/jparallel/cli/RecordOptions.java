package io.jparallel.cli;

import io.jparallel.controller.ControllerOptions;
import io.jparallel.controller.records.DbConfig;
import io.jparallel.controller.records.DbMode;
import io.jparallel.wire.Profiles;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --db} and {@code --result-limit}, shared by the commands that start a controller. */
final class RecordOptions {
  @Option(names = "--db", defaultValue = "sqlite",
      description = "task records: sqlite (default; db/tasks-<cluster>.sqlite in the profile), memory, or none")
  String db;

  @Option(names = "--result-limit", defaultValue = "1g",
      description = "results the controller keeps for rc.result and rc.resubmit, e.g. 512m, 2g, 0 (default: ${DEFAULT-VALUE})")
  String resultLimit;

  DbMode mode() {
    return DbMode.parse(db);
  }

  long resultBytes() {
    return bytes(resultLimit);
  }

  DbConfig config(String profile, String clusterId) {
    return DbConfig.of(mode(), Profiles.taskDb(profile, clusterId));
  }

  ControllerOptions apply(ControllerOptions o, String profile, String clusterId) {
    return o.withDb(config(profile, clusterId)).withResultBytes(resultBytes());
  }

  /** The flags again, for a child process. */
  List<String> args() {
    return List.of("--db", db, "--result-limit", resultLimit);
  }

  /** {@code 1g}, {@code 512m}, {@code 64k} or plain bytes. */
  static long bytes(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        case 't' -> unit = 1L << 40;
        default -> unit = 1;
      }
      if (unit > 1) {
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      double v = Double.parseDouble(t);
      if (v < 0 || Double.isNaN(v)) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--result-limit '" + s + "' is not a size: use e.g. 512m, 1g or 0");
    }
  }
}
