package io.jparallel.repl;

import io.jparallel.client.JParallelException;
import io.jparallel.session.SessionOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jpar run SCRIPT.jsh}: a JShell script (with magics) run non-interactively against a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a JShell script (snippets and %%magics) against a cluster, by default a local one.",
        "Stops at the first snippet that fails to compile or throws (exit status 1); exits 0 at the end or at a line /exit."})
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCRIPT.jsh", description = "the script")
  Path script;

  @Mixin
  SessionChoice choice = new SessionChoice();

  @Override
  public Integer call() {
    // the session routes System.out/err to the running cell's output: keep the real streams
    StreamOutput out = new StreamOutput(System.out, System.err);
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      System.err.println("jpar run: no such file: " + script);
      return 1;
    } catch (IOException e) {
      System.err.println("jpar run: cannot read " + script + ": " + e.getMessage());
      return 1;
    }
    SessionOptions options;
    try {
      options = choice.toOptions();
    } catch (IllegalArgumentException e) {
      System.err.println("jpar run: " + e.getMessage());
      return 2;
    }
    ClosingSession session;
    try {
      session = ClosingSession.open(options);
    } catch (JParallelException e) {
      System.err.println("jpar run: " + e.getMessage());
      return 1;
    }
    try (session) {
      return new ScriptRunner(session.session(), out).run(script.toString(), text);
    }
  }
}
