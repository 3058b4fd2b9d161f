package io.jparallel.engine;

import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine process:
 * {@code java -Djparallel.role=engine -Djparallel.cluster=<id> -cp <cp> io.jparallel.engine.EngineMain
 * [--file engine.json | --profile P] [--id N] [--parent-pid PID]}. Without {@code --file}
 * it reads the connection from {@code $JPARALLEL_CONNECTION_INFO} (the file's JSON text, as
 * launchers on other hosts pass it), else joins the newest {@code engine-*.json} of the
 * profile. Without {@code --id} it asks for the id its launcher gives it: {@code
 * $JPARALLEL_ENGINE_ID}, else its MPI rank, else its Slurm task rank. Exit codes are those of
 * {@link Engine}: {@code EXIT_OK}, {@code EXIT_FATAL} (could not register),
 * {@code EXIT_CONTROLLER_LOST}, {@code EXIT_PARENT_GONE}, {@code EXIT_ABORT_TIMEOUT} (an aborted
 * task did not stop: the launcher restarts the engine).
 */
public final class EngineMain {
  private static final io.jparallel.wire.Log LOG = io.jparallel.wire.Log.of("engine");
  /** The engine connection file's JSON text, for engines started without a shared file system. */
  public static final String CONNECTION_ENV = "JPARALLEL_CONNECTION_INFO";
  /** Where the engine id a launcher asks for is read from, first found wins (Open MPI, MPICH/PMI, PMIx, Slurm). */
  static final java.util.List<String> RANK_VARIABLES = java.util.List.of("JPARALLEL_ENGINE_ID", "OMPI_COMM_WORLD_RANK",
      "PMI_RANK", "PMIX_RANK", "SLURM_PROCID");

  private EngineMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs an engine until it exits; returns its exit code. */
  public static int run(String[] args) {
    String file = null;
    String profile = Profiles.DEFAULT;
    int id = -1;
    long parentPid = -1;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--file", "-f" -> file = value(args, ++i);
          case "--profile" -> profile = value(args, ++i);
          case "--id" -> id = Integer.parseInt(value(args, ++i));
          case "--parent-pid" -> parentPid = Long.parseLong(value(args, ++i));
          case "--help", "-h" -> {
            System.out.println("usage: EngineMain [--file engine.json | --profile P] [--id N] [--parent-pid PID]");
            return Engine.EXIT_OK;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + args[i]
              + "' (expected --file, --profile, --id, --parent-pid)");
        }
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("bad command line: " + e.getMessage());
      return Engine.EXIT_FATAL;
    }
    ConnectionInfo info = null;
    String fromEnv = System.getenv(CONNECTION_ENV);
    try {
      Path path;
      if (file == null && fromEnv != null && !fromEnv.isBlank()) {
        path = null;
        info = ConnectionInfo.parse(fromEnv, "$" + CONNECTION_ENV);
      } else if (file != null) {
        path = Path.of(file);
      } else {
        Optional<Path> newest = Profiles.newest(profile, "engine");
        if (newest.isEmpty()) {
          LOG.warn("no engine connection file in " + Profiles.security(profile)
              + "; start a controller ('jpar controller') or pass --file engine.json");
          return Engine.EXIT_FATAL;
        }
        path = newest.get();
      }
      if (info == null) {
        info = ConnectionInfo.read(path);
      }
      if (info.enginePort() == null) {
        throw new IOException("connection " + (path == null ? "$" + CONNECTION_ENV : "file " + path)
            + " has no engine_port (is it a client file?)");
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read the connection file: " + e.getMessage());
      return Engine.EXIT_FATAL;
    }
    EngineOptions options = EngineOptions.of(info).withRequestedId(id >= 0 ? id : rankFromEnvironment())
        .withParentPid(parentPid);
    Engine engine;
    try {
      engine = Engine.start(options);
    } catch (EngineStartException e) {
      LOG.warn("not started: " + e.getMessage()); // the I/O thread may not have had time to say why
      return Engine.EXIT_FATAL;
    }
    int code;
    try {
      code = engine.awaitExit();
    } catch (InterruptedException e) {
      code = Engine.EXIT_FATAL;
    }
    return code;
  }

  /** The engine id a launcher asks for: its own variable, or the process's MPI or Slurm rank. */
  static int rankFromEnvironment() {
    for (String name : RANK_VARIABLES) {
      String v = System.getenv(name);
      if (v != null && !v.isBlank()) {
        try {
          return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
          LOG.warn("ignored $" + name + "='" + v + "': not a number");
        }
      }
    }
    return -1;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
