package io.jparallel.repl;

import io.jparallel.client.JParallelException;
import io.jparallel.session.SessionOptions;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jpar repl}: the REPL on a local cluster (default), a running cluster, or none. */
@Command(name = "repl", mixinStandardHelpOptions = true,
    description = "The JShell REPL with %%px magics; by default on a local cluster that stops when it exits.")
public final class ReplCommand implements Callable<Integer> {
  @Mixin
  SessionChoice choice = new SessionChoice();

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err; // the session routes System.out/err to the running cell's output
    SessionOptions options;
    try {
      options = choice.toOptions();
    } catch (IllegalArgumentException e) {
      System.err.println("jpar repl: " + e.getMessage());
      return 2;
    }
    ClosingSession session;
    try {
      session = ClosingSession.open(options, true); // the prompt does not wait for the engines
      session.session().warmUpCompiler();
    } catch (JParallelException e) {
      err.println("jpar repl: " + e.getMessage());
      return 1;
    }
    try (session; Terminal terminal = TerminalBuilder.builder().name("jparallel").system(true).build()) {
      int status = new Repl(terminal, session.session(), Repl.defaultHistoryFile()).run(Banner.of(options));
      if (options.cluster() == SessionOptions.ClusterMode.LOCAL) {
        terminal.writer().println("stopping the cluster...");
        terminal.flush();
      }
      return status;
    }
  }
}
