package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every script in examples/ runs with {@code jpar run -n 2} and asserts its own result. */
class ExamplesTest {
  @TempDir
  Path home;

  @ParameterizedTest
  @ValueSource(strings = {"monte-carlo-pi.jsh", "parameter-sweep.jsh", "scatter-gather.jsh"})
  void exampleRunsAndChecksItself(String name) throws Exception {
    Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("examples").resolve(name);
    assertThat(script).exists();
    List<String> cmd = JavaCommand.of(RunMain.class, "-n", "2", script.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(home.resolve("out.txt").toFile())
        .redirectError(home.resolve("err.txt").toFile());
    pb.environment().put("JPARALLEL_DIR", home.toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not end within 120 s");
    }
    String out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(name + "\nstdout: " + out + "\nstderr: " + err).isZero();
    assertThat(out).isNotBlank();
  }
}
