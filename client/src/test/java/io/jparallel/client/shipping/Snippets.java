package io.jparallel.client.shipping;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/** Evaluates snippets in a test session and fails loudly on compile errors or exceptions. */
final class Snippets {
  private Snippets() {}

  static void eval(ReplJShell repl, String... sources) {
    JShell shell = repl.shell();
    for (String source : sources) {
      List<SnippetEvent> events = shell.eval(source);
      for (SnippetEvent e : events) {
        if (e.exception() != null) {
          throw new AssertionError("snippet threw: " + source, e.exception());
        }
        if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
          throw new AssertionError("snippet rejected: " + source + " " + describe(shell, e.snippet()));
        }
      }
    }
  }

  private static String describe(JShell shell, Snippet snippet) {
    return shell.diagnostics(snippet).map(d -> d.getMessage(null)).collect(Collectors.joining("; ", "[", "]"));
  }
}
