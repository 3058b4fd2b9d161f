package io.jparallel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CompilerWarmupTest {
  @Test
  void everySnippetButTheTypoCompilesAndRuns() {
    try (JShellRuntime rt = JShellRuntime.builder(new LibraryLoader(getClass().getClassLoader())).build()) {
      String[] all = CompilerWarmup.SNIPPETS;
      for (String s : Arrays.copyOf(all, all.length - 1)) {
        Evaluation e = rt.eval(s);
        assertThat(e.ok()).as(s + ": " + e.error()).isTrue();
      }
      assertThat(rt.eval(all[all.length - 1]).error().ename()).isEqualTo("CompileError");
    }
  }

  @Test
  void runsInAShellOfItsOwnAndPrintsNothing() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (JShellRuntime user = JShellRuntime.builder(new LibraryLoader(getClass().getClassLoader())).build()) {
      user.eval("int x = 41;");
      System.setOut(new PrintStream(printed, true));
      CompilerWarmup w = CompilerWarmup.start(List.of("import java.util.*;"), CompilerWarmup.SNIPPETS.length * 2, Duration.ZERO, () -> false);
      assertThat(w.await(120_000)).isTrue();
      assertThat(w.snippetsRun()).isEqualTo(CompilerWarmup.SNIPPETS.length * 2);
      assertThat(user.variables()).extracting(VariableInfo::name).containsExactly("x");
      assertThat(user.eval("x").valueText()).isEqualTo("41");
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString()).isEmpty();
  }

  @Test
  void runsNothingWhileToldToWait() throws Exception {
    AtomicBoolean wait = new AtomicBoolean(true);
    CompilerWarmup w = CompilerWarmup.start(List.of(), 3, Duration.ZERO, wait::get);
    assertThat(w.await(400)).isFalse();
    assertThat(w.snippetsRun()).isZero();
    wait.set(false);
    assertThat(w.await(60_000)).isTrue();
    assertThat(w.snippetsRun()).isEqualTo(3);
  }

  @Test
  void closeStopsAfterTheSnippetBeingCompiled() throws Exception {
    CompilerWarmup w = CompilerWarmup.start(List.of(), 100_000, Duration.ZERO, () -> false);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (w.snippetsRun() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(w.snippetsRun()).isPositive();
    w.close();
    assertThat(w.await(0)).isTrue();
    assertThat(w.snippetsRun()).isLessThan(100_000);
  }

  @Test
  void waitsForItsDelayAndCloseEndsTheWait() throws Exception {
    CompilerWarmup w = CompilerWarmup.start(List.of(), 3, Duration.ofSeconds(30), () -> false);
    assertThat(w.await(300)).isFalse();
    assertThat(w.snippetsRun()).isZero();
    long t0 = System.nanoTime();
    w.close();
    assertThat(w.await(0)).isTrue();
    assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
    assertThat(w.snippetsRun()).isZero();
  }

  @Test
  void noSnippetsIsNoThread() throws Exception {
    CompilerWarmup w = CompilerWarmup.start(List.of(), 0, Duration.ZERO, () -> false);
    assertThat(w.await(0)).isTrue();
    assertThat(w.snippetsRun()).isZero();
    w.close();
  }
}
