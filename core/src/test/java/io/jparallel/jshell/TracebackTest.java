package io.jparallel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TracebackTest {
  private static StackTraceElement frame(String cls, String method, String file) {
    return new StackTraceElement(cls, method, file, 1);
  }

  private static List<String> lines(StackTraceElement... trace) {
    IllegalArgumentException e = new IllegalArgumentException("bad");
    e.setStackTrace(trace);
    return Traceback.of(e, t -> t.getClass().getName(), c -> c.startsWith("io.jparallel."));
  }

  /** Issue 10.3: dv.push's own Map.forEach is not the user's frame. */
  @Test
  void jdkFramesOurCodeCalledGoWithOurs() {
    List<String> lines = lines(
        frame("io.jparallel.serialize.PayloadWriter", "write", "PayloadWriter.java"),
        frame("io.jparallel.client.TaskSubmitter", "lambda$push$0", "TaskSubmitter.java"),
        frame("java.util.ImmutableCollections$MapN", "forEach", "ImmutableCollections.java"),
        frame("io.jparallel.client.TaskSubmitter", "push", "TaskSubmitter.java"),
        frame("REPL.$JShell$30", "do_it$", "#30"),
        frame("jdk.jshell.execution.DirectExecutionControl", "invoke", "DirectExecutionControl.java"));
    assertThat(lines).containsExactly("java.lang.IllegalArgumentException: bad", "\tat (#30:1)");
  }

  @Test
  void jdkFramesTheUsersCodeCalledStay() {
    List<String> lines = lines(
        frame("java.lang.Integer", "parseInt", "Integer.java"),
        frame("REPL.$JShell$4", "do_it$", "#4"),
        frame("java.util.ArrayList", "forEach", "ArrayList.java"),
        frame("REPL.$JShell$5", "do_it$", "#5"));
    assertThat(lines).containsExactly("java.lang.IllegalArgumentException: bad", "\tat java.lang.Integer.parseInt(Integer.java:1)",
        "\tat (#4:1)", "\tat java.util.ArrayList.forEach(ArrayList.java:1)", "\tat (#5:1)");
  }
}
