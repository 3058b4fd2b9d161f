package io.jparallel.cli;

import io.jparallel.repl.ReplCommand;
import io.jparallel.repl.RunCommand;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jpar} command. Without a subcommand it opens the REPL: {@code jpar} and
 * {@code jpar -n 4} mean {@code jpar repl} and {@code jpar repl -n 4}.
 */
@Command(name = "jpar", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Interactive parallel computing on the JVM: a JShell REPL and Jupyter kernel whose "
        + "%%px magics ship snippets and lambdas to engine JVMs.",
    subcommands = {ReplCommand.class, RunCommand.class, ClusterCommand.class, ControllerCommand.class,
        EngineCommand.class, BenchCommand.class, KernelCommand.class, TasksCommand.class, DashboardCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  public static int run(String... args) {
    if (args.length == 0 || args[0].startsWith("-") && !OWN_OPTIONS.contains(args[0])) {
      List<String> withRepl = new java.util.ArrayList<>(List.of(args));
      withRepl.add(0, "repl");
      args = withRepl.toArray(String[]::new);
    }
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("jpar: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (Boolean.getBoolean("jparallel.debug")) {
        e.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out); // not reached: run(String...) makes the REPL the default
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"jpar " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
