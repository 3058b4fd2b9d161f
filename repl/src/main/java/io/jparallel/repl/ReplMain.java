package io.jparallel.repl;

import picocli.CommandLine;

/** Runs the REPL without the {@code jpar} launcher: {@code java -cp ... io.jparallel.repl.ReplMain [-n N] ...}. */
public final class ReplMain {
  private ReplMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReplCommand()).execute(args));
  }
}
