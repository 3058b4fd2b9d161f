package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The REPL on a local cluster of 2 engines, typed into through a real terminal (tmux). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplTerminalTest {
  @TempDir
  static Path home;

  private Tmux tmux;

  @BeforeAll
  void startRepl() {
    tmux = Tmux.start(JavaCommand.shellLine(home, ReplMain.class, "-n", "2"), 120, 40);
    tmux.await("the prompt after the banner", s -> s.contains("local cluster of 2 engines") && s.endsWith(Repl.PROMPT.strip()));
  }

  @AfterAll
  void stopRepl() {
    if (tmux != null) {
      tmux.press("C-c");
      tmux.type("exit"); // IPython's word for it leaves, as Ctrl-D and /exit do (ReplExitTest)
      tmux.press("Enter");
      tmux.await("the REPL to exit", s -> s.contains("[exit "), Duration.ofSeconds(30));
      tmux.close();
    }
  }

  @BeforeEach
  void clearScreen() {
    tmux.clear(Repl.PROMPT);
  }

  @Test
  void multiLineInputShowsTheContinuationPromptAndRuns() {
    tmux.type("for (int i = 0; i < 2; i++) {");
    tmux.press("Enter");
    tmux.awaitLastLine(Repl.CONTINUATION);
    tmux.type("System.out.println(\"line \" + i); }");
    tmux.press("Enter");
    String screen = tmux.await("both lines of the loop and the prompt",
        s -> s.contains("line 1") && s.endsWith(Repl.PROMPT.strip()));
    assertThat(screen).contains(Repl.CONTINUATION + "System.out.println(\"line \" + i); }").contains("line 0\nline 1");
  }

  @Test
  void tabCompletesJava() {
    tmux.type("Math.sq");
    tmux.press("Tab");
    tmux.awaitLastLine(Repl.PROMPT + "Math.sqrt(");
    tmux.type("16.0)");
    tmux.press("Enter");
    tmux.awaitText("4.0");
  }

  @Test
  void shiftTabShowsTheSignature() {
    tmux.type("Math.sqrt(");
    tmux.press("BTab");
    tmux.awaitText("double Math.sqrt(double");
    tmux.awaitLastLine(Repl.PROMPT + "Math.sqrt(");
    tmux.press("C-c");
    tmux.awaitLastLine(Repl.PROMPT);
  }

  @Test
  void pxPrintsEachEnginesOutput() {
    tmux.type("%px System.out.println(\"hi\")");
    tmux.press("Enter");
    tmux.await("[stdout:0] hi and [stdout:1] hi", s -> s.contains("[stdout:0] hi") && s.contains("[stdout:1] hi"));
  }

  @Test
  void autopxTogglesThePrompt() {
    tmux.type("%autopx");
    tmux.press("Enter");
    tmux.awaitLastLine(Repl.PX_PROMPT);
    tmux.type("System.out.println(\"everywhere\")");
    tmux.press("Enter");
    tmux.await("output of both engines", s -> s.contains("[stdout:0] everywhere") && s.contains("[stdout:1] everywhere"));
    tmux.awaitLastLine(Repl.PX_PROMPT);
    tmux.type("%autopx");
    tmux.press("Enter");
    tmux.awaitLastLine(Repl.PROMPT);
  }

  @Test
  void ctrlCInterruptsARemoteWaitAndTheEnginesStayUsable() {
    tmux.type("%px Thread.sleep(60000)");
    tmux.press("Enter");
    Tmux.sleep(1500);
    tmux.press("C-c");
    // the tasks sleep 60 s: the prompt back well before that means Ctrl-C stopped the wait
    tmux.await("the prompt back", s -> s.endsWith(Repl.PROMPT.strip()), Duration.ofSeconds(30));
    tmux.clear(Repl.PROMPT);
    tmux.type("%px System.out.println(\"still here\")");
    tmux.press("Enter");
    tmux.await("both engines answering after the interrupt",
        s -> s.contains("[stdout:0] still here") && s.contains("[stdout:1] still here"));
  }

  @Test
  void ctrlCInterruptsALocalSnippet() {
    tmux.type("Thread.sleep(60000)");
    tmux.press("Enter");
    Tmux.sleep(1000);
    tmux.press("C-c");
    tmux.await("the prompt back", s -> s.endsWith(Repl.PROMPT.strip()), Duration.ofSeconds(10));
    tmux.type("6 * 7");
    tmux.press("Enter");
    tmux.awaitText("42");
  }

  @Test
  void ctrlCAtThePromptDropsTheLine() {
    tmux.type("this is not java");
    tmux.press("C-c");
    tmux.awaitLastLine(Repl.PROMPT);
    tmux.type("1 + 2");
    tmux.press("Enter");
    String screen = tmux.awaitText(": 3");
    assertThat(screen).doesNotContain("this is not java1 + 2");
  }

  @Test
  void errorsShowTheirKindAndMessage() {
    tmux.type("int z = 1 / 0;");
    tmux.press("Enter");
    tmux.awaitText("java.lang.ArithmeticException: / by zero");
    tmux.awaitLastLine(Repl.PROMPT);
  }

  /** Types a line, presses Enter and waits for {@code expected} and the prompt after it. */
  private String enter(String line, String expected) {
    tmux.type(line);
    tmux.press("Enter");
    return tmux.await("'" + expected + "' and the prompt", s -> s.contains(expected) && s.endsWith(Repl.PROMPT.strip()));
  }

  /** Issue 10.1, 10.3: a declaration runs again after its map failed; an error reads once. */
  @Test
  void aFailedMapCanBeTypedAgainAndErrorsReadOnce() {
    enter("Object lock = new Object();", Repl.PROMPT + "Object lock");
    enter("List<Integer> q = lv.map(x -> lock.hashCode(), List.of(1));", "REPL variable 'lock'");
    enter("List<Integer> q = lv.map(x -> x + 1, List.of(1));", "List.of(1));\n" + Repl.PROMPT.strip());
    enter("q", ": [2]");
    String screen = enter("undefinedThing", "^");
    assertThat(screen).containsOnlyOnce("cannot find symbol").contains("CompileError: cannot find symbol");
    enter("%timeit", "UsageError: %timeit needs a statement");
    enter("%px int y = undefinedThing;", "[0, 1:execute] CompileError: cannot find symbol");
    assertThat(tmux.screen()).containsOnlyOnce("symbol:   variable undefinedThing\nint y");
  }

  /** Issue 10.2, 10.4: %time counts CPU where the snippet ran; JShell's commands answer as jshell. */
  @Test
  void timeAndJshellCommands() {
    enter("int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }", "fib(n - 2); }\n" + Repl.PROMPT.strip());
    String time = enter("%time fib(24)", "Wall time:");
    assertThat(time).contains("CPU times: user").doesNotContain("user 0 ns");
    enter("int kept = 5;", Repl.PROMPT + "int kept = 5;");
    enter("/vars", "|    int kept = 5");
    enter("/methods", "|    int fib(int)");
    enter("/drop kept", "|  dropped variable kept");
    enter("/help", "/history");
  }

  /** Issue 10.5-10.8: Ref, chunks, %who on engines, records that travel as typed. */
  @Test
  void refsChunksWhoAndRecords() {
    enter("dv.scatter(\"chunk\", List.of(1, 2, 3));", Repl.PROMPT + "dv.scatter");
    enter("dv.apply(r -> ((List<?>) r.get()).size(), Ref.of(\"chunk\"))", ": [2, 1]");
    enter("lv.chunkSize(2).mapAsync(x -> x * 10, List.of(1, 2, 3, 4, 5)).size()", ": 3");
    enter("%px %who", "[stdout:1] chunk");
    enter("record Point(int x) {}", Repl.PROMPT + "record Point");
    enter("lv.apply(p -> p.x() + 1, new Point(41))", ": 42");
    enter("class Plain {}", Repl.PROMPT + "class Plain");
    String screen = enter("lv.apply(p -> 1, new Plain())", "cannot be sent");
    assertThat(screen).contains("of type Plain cannot be sent").doesNotContain("$JShell$");
  }

  /** Issue 10.9: dv.execute shows what engines printed; lv says what it is. */
  @Test
  void executeShowsOutputsByEngine() {
    String screen = enter("dv.execute(\"System.out.println(40 + 2)\")", "[stdout:1] 42");
    assertThat(screen).contains("[stdout:0] 42").doesNotContain("ExecuteResult[");
    enter("lv", "LoadBalancedView[engines [0, 1]]");
    enter("%cluster status", ": 2 engines");
  }
}
