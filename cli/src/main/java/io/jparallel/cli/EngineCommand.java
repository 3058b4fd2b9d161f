package io.jparallel.cli;

import io.jparallel.engine.EngineMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpar engine}: one engine joining a controller from its engine connection file. */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = "Run one engine that joins a controller (from any host that can reach it).")
final class EngineCommand implements Callable<Integer> {
  @Option(names = "--profile", description = "use the newest engine-*.json of this profile (default: default)")
  String profile;

  @Option(names = "--file", description = "engine connection file (engine-<cluster>.json)")
  String file;

  @Option(names = "--id", description = "engine id to ask for (granted when free)")
  Integer id;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    if (file != null) {
      args.add("--file");
      args.add(file);
    }
    if (profile != null) {
      args.add("--profile");
      args.add(profile);
    }
    if (id != null) {
      args.add("--id");
      args.add(id.toString());
    }
    System.setProperty("jparallel.role", "engine");
    return EngineMain.run(args.toArray(String[]::new));
  }
}
