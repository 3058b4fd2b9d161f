package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jpar run SCRIPT.jsh} as a real process. */
class RunCommandTest {
  @TempDir
  Path home;

  record Run(int status, String stdout, String stderr) {}

  @Test
  void runsAScriptOnALocalClusterAndStopsAtExit() throws Exception {
    Path script = write("ok.jsh", """
        int a = 20;
        int b = 22;
        System.out.println("sum=" + (a + b));

        for (int i = 0; i < 2; i++) {
          System.out.println("loop " + i);
        }
        %px System.out.println("engine says hi")
        %cluster status
        /exit
        System.out.println("not reached");
        """);
    Run run = run(script.toString(), "-n", "1");
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("sum=42\nloop 0\nloop 1\n").contains("[stdout:0] engine says hi")
        .contains(": 1 engine\n").doesNotContain("not reached");
  }

  @Test
  void aFailingSnippetStopsTheScriptWithStatus1() throws Exception {
    Path script = write("fails.jsh", """
        int a = 1;
        System.out.println("before");
        int b = a / 0;
        System.out.println("after");
        """);
    Run run = run(script.toString(), "--no-cluster");
    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).contains("before").doesNotContain("after");
    assertThat(run.stderr()).contains("java.lang.ArithmeticException: / by zero").contains("fails.jsh:3");
  }

  @Test
  void aCompileErrorStopsTheScriptWithStatus1() throws Exception {
    Path script = write("bad.jsh", """
        String s = "x";
        int n = s;
        System.out.println("after");
        """);
    Run run = run(script.toString(), "--no-cluster");
    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain("after");
    assertThat(run.stderr()).contains("incompatible types").contains("bad.jsh:2");
  }

  /** Issue 10, item by item, as a script: what a new user types in the first hour. */
  @Test
  void dailyUseAsAScript() throws Exception {
    Path script = write("daily.jsh", """
        int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
        List<Integer> q = lv.map(x -> x + 1, List.of(1));
        List<Integer> q = lv.map(x -> x + 2, List.of(1));
        System.out.println("q=" + q);
        %time fib(24)
        /vars q
        /methods
        record Sample(int a) {}
        System.out.println("sample=" + lv.apply(s -> s.a() * 2, new Sample(21)));
        dv.scatter("chunk", List.of(1, 2, 3));
        System.out.println("sizes=" + dv.apply(r -> ((List<?>) r.get()).size(), Ref.of("chunk")));
        var ar = lv.chunkSize(2).mapAsync(x -> x * 10, List.of(1, 2, 3, 4, 5));
        System.out.println("chunks=" + ar.get() + " in " + ar.size());
        %who
        %px %who
        %cluster status
        dv.execute("System.out.println(\\"from engines\\")");
        %cluster stop
        System.out.println(lv);
        lv.apply(() -> 1)
        """);
    Run run = run(script.toString(), "-n", "2");
    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).contains("q=[3]")
        .containsPattern("CPU times: user \\S+ [nµm]?s, sys: .*\nWall time: ").doesNotContain("user 0 ns")
        .contains("|    List<Integer> q = [3]\n").contains("|    int fib(int)\n")
        .contains("sample=42").contains("sizes=[2, 1]").contains("chunks=[10, 20, 30, 40, 50] in 3")
        .containsPattern("(?m)^rc\tdv\tlv\tq\tar$").containsPattern("\\[stdout:0\\] chunk").contains(": 2 engines\n")
        .contains("[stdout:0] from engines\n[stdout:1] from engines\n")
        .contains("LoadBalancedView[the session's cluster is stopped");
    assertThat(run.stderr()).contains("the session's cluster is stopped").contains("daily.jsh:20")
        .doesNotContain("ExecuteResult[");
  }

  /** JShell's commands and IPython's exit in a script without a cluster. */
  @Test
  void jshellCommandsAndExitInAScript() throws Exception {
    Path lib = write("lib.jsh", "int twice(int x) { return 2 * x; }\n");
    Path saved = home.resolve("saved.jsh");
    Path script = write("commands.jsh", "/open " + lib + "\nint k = twice(21);\n/save " + saved
        + "\n/list\nSystem.out.println(\"k=\" + k);\nexit\nSystem.out.println(\"not reached\");\n");
    Run run = run(script.toString(), "--no-cluster");
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("k=42").containsPattern(" +\\d+ : int k = twice\\(21\\);").doesNotContain("not reached");
    assertThat(Files.readString(saved)).contains("int twice(int x)").contains("int k = twice(21);");
  }

  @Test
  void aMissingScriptIsOneLine() throws Exception {
    Run run = run(home.resolve("nope.jsh").toString(), "--no-cluster");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.stderr().strip()).isEqualTo("jpar run: no such file: " + home.resolve("nope.jsh"));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(home.resolve(name), text);
  }

  private Run run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(JavaCommand.of(RunMain.class, args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(home.resolve("out.txt").toFile())
        .redirectError(home.resolve("err.txt").toFile());
    pb.environment().put("JPARALLEL_DIR", home.toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jpar run did not end within 60 s");
    }
    return new Run(p.exitValue(), Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
  }
}
