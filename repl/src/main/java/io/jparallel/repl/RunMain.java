package io.jparallel.repl;

import picocli.CommandLine;

/** Runs a script without the {@code jpar} launcher: {@code java -cp ... io.jparallel.repl.RunMain SCRIPT.jsh [-n N] ...}. */
public final class RunMain {
  private RunMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new RunCommand()).execute(args));
  }
}
