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
        /exit
        System.out.println("not reached");
        """);
    Run run = run(script.toString(), "-n", "1");
    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("sum=42\nloop 0\nloop 1\n").contains("[stdout:0] engine says hi")
        .doesNotContain("not reached");
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
