package io.jparallel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jpar} command. Without a subcommand it opens the REPL. */
@Command(name = "jpar", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Interactive parallel computing on the JVM: a JShell REPL and Jupyter kernel whose "
        + "%%px magics ship snippets and lambdas to engine JVMs.",
    subcommands = {ClusterCommand.class, ControllerCommand.class, EngineCommand.class, BenchCommand.class, KernelCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
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
    spec.commandLine().usage(System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"jpar " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
