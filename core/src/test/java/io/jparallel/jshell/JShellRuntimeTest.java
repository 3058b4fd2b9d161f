package io.jparallel.jshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JShellRuntimeTest {
  @TempDir
  Path dir;

  private JShellRuntime runtime;

  @BeforeEach
  void start() {
    runtime = JShellRuntime.builder(new LibraryLoader(getClass().getClassLoader())).api(JShellRuntime.class).build();
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void runsSnippetBySnippetAndGivesTheLastValueAndItsObject() {
    Evaluation e = runtime.eval("int a = 20;\nint b = 22;\nList.of(a, b)".replace("List", "java.util.List"));
    assertThat(e.ok()).as(String.valueOf(e.error())).isTrue();
    assertThat(e.valueText()).isEqualTo("[20, 22]");
    assertThat(runtime.valueOf(e.valueVariable())).isEqualTo(List.of(20, 22));
    Evaluation named = runtime.eval("a");
    assertThat(runtime.valueOf(named.valueVariable())).isEqualTo(20);
    assertThat(runtime.eval("int c = 1;").hasValue()).isFalse();
  }

  @Test
  void keepsTheLastExpressionValuesAndTheOnesLaterSnippetsName() {
    Evaluation first = runtime.eval("\"first\"");
    String firstName = first.valueVariable().name();
    Evaluation named = runtime.eval("40 + 2");
    String namedName = named.valueVariable().name();
    assertThat(runtime.eval("String kept = " + namedName + " + \"!\";").ok()).isTrue();
    String last = null;
    for (int i = 0; i < Temporaries.KEPT + 8; i++) {
      last = runtime.eval(String.valueOf(i)).valueVariable().name();
    }
    assertThat(runtime.variable(firstName)).isEmpty();
    assertThat(runtime.variable(namedName)).isPresent(); // named by a later snippet: kept for good
    assertThat(runtime.variable(last)).isPresent();
    assertThat(runtime.variables().stream().filter(v -> v.name().startsWith("$"))).hasSize(Temporaries.KEPT + 1);
    Evaluation gone = runtime.eval(firstName + ".length()");
    assertThat(gone.error().evalue()).isEqualTo("cannot find symbol");
    assertThat(gone.error().traceback()).anyMatch(l -> l.startsWith(firstName + " was let go: only the last "));
    assertThat(runtime.eval("kept").valueText()).isEqualTo("\"42!\"");
  }

  @Test
  void anOlderValueLeavesJShellButComesBackWithItsValueAndTypeWhenNamed() {
    String text = runtime.eval("\"abc\"").valueVariable().name();
    String list = runtime.eval("java.util.List.of(1, 2)").valueVariable().name(); // no import here: shown as java.util.List<Integer>
    String anon = runtime.eval("new Object() { public String toString() { return \"anon\"; } }").valueVariable().name();
    for (int i = 0; i < Temporaries.DECLARED; i++) {
      runtime.eval(String.valueOf(i));
    }
    assertThat(runtime.variable(text)).as("not declared in JShell any more").isEmpty();
    assertThat(runtime.variables()).as("listed all the same, in order").map(VariableInfo::toString)
        .startsWith("String " + text + " = \"abc\"", "java.util.List<Integer> " + list + " = [1, 2]");
    assertThat(runtime.eval(text + ".length()").valueText()).isEqualTo("3");
    assertThat(runtime.variable(text)).as("named: declared for good").isPresent();
    assertThat(runtime.eval(list + ".get(1) + 40").valueText()).isEqualTo("42");
    assertThat(runtime.eval(anon + ".toString()").valueText()).isEqualTo("\"anon\"");
    for (int i = 0; i < Temporaries.KEPT; i++) {
      runtime.eval(String.valueOf(i));
    }
    assertThat(runtime.eval(text + ".length()").valueText()).as("named once: stays").isEqualTo("3");
  }

  @Test
  void aCompileErrorStopsTheRunAndPointsAtTheCode() {
    Evaluation e = runtime.eval("int ok = 1;\nint x = undefinedThing + 1;\nint never = 2;");
    assertThat(e.error().ename()).isEqualTo(SnippetError.COMPILE_ERROR);
    assertThat(e.error().evalue()).isEqualTo("cannot find symbol");
    assertThat(e.error().traceback()).containsSubsequence("int x = undefinedThing + 1;", "        ^------------^")
        .noneMatch(l -> l.contains("location: class"));
    assertThat(e.error().detail()).contains("cannot find symbol").contains("int x = undefinedThing + 1;");
    assertThat(runtime.variable("ok")).isPresent();
    assertThat(runtime.variable("never")).isEmpty();
  }

  @Test
  void anExceptionShowsTheUsersFramesOnly() {
    Evaluation e = runtime.eval("int zero = 0;\nint boom() { return 1 / zero; }\nboom()");
    SnippetError err = e.error();
    assertThat(err.ename()).isEqualTo("java.lang.ArithmeticException");
    assertThat(err.evalue()).isEqualTo("/ by zero");
    assertThat(err.traceback().get(0)).isEqualTo("java.lang.ArithmeticException: / by zero");
    assertThat(err.traceback().get(1)).matches("\tat boom\\(#\\d+:1\\)");
    assertThat(String.join("\n", err.traceback())).doesNotContain("jdk.jshell").doesNotContain("io.jparallel")
        .doesNotContain("reflect");
  }

  /** Issue 10.2: a run shorter than a clock tick is user time, and its wall time leaves the compile out. */
  @Test
  void aShortRunCountsAsUserTime() {
    runtime.eval("long spin(int n) { long s = 0; for (int i = 0; i < n; i++) s += i % 7; return s; }");
    Evaluation e = runtime.eval("spin(2_000_000)");
    assertThat(e.ok()).as(String.valueOf(e.error())).isTrue();
    assertThat(e.cpuNanos()).isPositive();
    assertThat(e.userNanos()).isPositive().isLessThanOrEqualTo(e.cpuNanos());
    assertThat(e.runNanos()).isPositive();
  }

  @Test
  void stopEndsALoopThatIgnoresInterrupts() throws Exception {
    CompletableFuture<Evaluation> run = CompletableFuture.supplyAsync(() -> runtime.eval("while (true) {}"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!runtime.busy() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    runtime.stop();
    Evaluation e = run.get(30, TimeUnit.SECONDS);
    assertThat(e.stopped()).isTrue();
    assertThat(runtime.eval("6 * 7").valueText()).isEqualTo("42");
  }

  @Test
  void addToClasspathReachesTheCompilerAndTheLoaders() throws Exception {
    Path jar = TestJars.build(dir.resolve("greeter.jar"), "lib.Greeter",
        "package lib; public class Greeter { public static String hi(String n) { return \"hi \" + n; } }");
    assertThat(runtime.eval("lib.Greeter.hi(\"x\")").error().ename()).isEqualTo(SnippetError.COMPILE_ERROR);

    runtime.addToClasspath(List.of(jar));

    Evaluation e = runtime.eval("lib.Greeter.hi(\"engine\")");
    assertThat(e.ok()).as(String.valueOf(e.error())).isTrue();
    assertThat(e.valueText()).isEqualTo("\"hi engine\"");
    Class<?> viaSnippet = (Class<?>) runtime.valueOf(runtime.eval("lib.Greeter.class").valueVariable());
    assertThat(viaSnippet.getClassLoader()).isSameAs(runtime.libraries());
    // a loader below the libraries (as an engine's loaders for shipped lambdas) sees the same class
    ClassLoader shipped = new ClassLoader(runtime.libraries()) { };
    assertThat(shipped.loadClass("lib.Greeter")).isSameAs(viaSnippet);
    assertThat(runtime.libraries().entries()).containsExactly(jar.toAbsolutePath().normalize());
    runtime.addToClasspath(List.of(jar)); // again: nothing changes
    assertThat(runtime.libraries().entries()).hasSize(1);
  }

  @Test
  void aMissingEntryAddsNothing() throws Exception {
    Path jar = TestJars.build(dir.resolve("a.jar"), "liba.A", "package liba; public class A {}");
    assertThatThrownBy(() -> runtime.addToClasspath(List.of(jar, dir.resolve("missing.jar"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.jar");
    assertThat(runtime.libraries().entries()).isEmpty();
  }
}
