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
 * it joins the newest {@code engine-*.json} of the profile. Exit codes are those of
 * {@link Engine}: {@code EXIT_OK}, {@code EXIT_FATAL} (could not register),
 * {@code EXIT_CONTROLLER_LOST}, {@code EXIT_PARENT_GONE}, {@code EXIT_ABORT_TIMEOUT} (an aborted
 * task did not stop: the launcher restarts the engine).
 */
public final class EngineMain {
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
      Log.info("engine", "bad command line: " + e.getMessage());
      return Engine.EXIT_FATAL;
    }
    ConnectionInfo info;
    try {
      Path path;
      if (file != null) {
        path = Path.of(file);
      } else {
        Optional<Path> newest = Profiles.newest(profile, "engine");
        if (newest.isEmpty()) {
          Log.info("engine", "no engine connection file in " + Profiles.security(profile)
              + "; start a controller ('jpar controller') or pass --file engine.json");
          return Engine.EXIT_FATAL;
        }
        path = newest.get();
      }
      info = ConnectionInfo.read(path);
      if (info.enginePort() == null) {
        throw new IOException("connection file " + path + " has no engine_port (is it a client file?)");
      }
    } catch (IOException | RuntimeException e) {
      Log.info("engine", "cannot read the connection file: " + e.getMessage());
      return Engine.EXIT_FATAL;
    }
    EngineOptions options = EngineOptions.of(info).withRequestedId(id).withParentPid(parentPid);
    Engine engine;
    try {
      engine = Engine.start(options);
    } catch (EngineStartException e) {
      return Engine.EXIT_FATAL; // the I/O thread logged why
    }
    int code;
    try {
      code = engine.awaitExit();
    } catch (InterruptedException e) {
      code = Engine.EXIT_FATAL;
    }
    return code;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
