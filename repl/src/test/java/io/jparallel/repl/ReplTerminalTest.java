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
      tmux.press("C-d");
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
}
