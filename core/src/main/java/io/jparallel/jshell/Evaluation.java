package io.jparallel.jshell;

import java.util.List;
import java.util.Optional;
import jdk.jshell.VarSnippet;

/**
 * What running some source in a {@link JShellRuntime} gave: the first snippet's error, or that
 * it was stopped, or the value of the last snippet. A value has JShell's text for it and, when
 * it is held by a variable (an expression's temporary {@code $1}, a variable named or assigned),
 * that variable, whose object {@link JShellRuntime#valueOf} reads.
 *
 * @param error the first snippet that did not compile or threw, or null
 * @param stopped the run was stopped ({@link JShellRuntime#stop()} or the caller's cancel check)
 * @param valueText JShell's text of the last snippet's value, or null when it has none
 * @param valueVariable the variable holding that value, or null
 * @param cpuNanos CPU time of the snippets' threads
 * @param userNanos user-mode CPU time of the snippets' threads
 * @param runNanos wall-clock time the snippets ran, their compiles excluded
 * @param notes what JShell said about snippets it accepted but cannot use yet
 */
public record Evaluation(SnippetError error, boolean stopped, String valueText, VarSnippet valueVariable,
    long cpuNanos, long userNanos, long runNanos, List<String> notes) {
  public Evaluation {
    notes = List.copyOf(notes);
  }

  /** Neither failed nor stopped. */
  public boolean ok() {
    return error == null && !stopped;
  }

  /** Whether the last snippet has a value. */
  public boolean hasValue() {
    return valueText != null;
  }

  /** The variable holding the value, if any. */
  public Optional<VarSnippet> variable() {
    return Optional.ofNullable(valueVariable);
  }
}
