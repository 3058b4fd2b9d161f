package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code jpar} command as a user does, in its own JVM with {@code JPARALLEL_DIR} set
 * to a test's home, and cleans up what its clusters leave behind.
 */
final class Jpar {
  /** How one run ended. */
  record Run(int status, String stdout, String stderr) {}

  private final Path home;

  Jpar(Path home) {
    this.home = home;
  }

  Path home() {
    return home;
  }

  Path security() {
    return home.resolve("profile_default").resolve("security");
  }

  ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JPARALLEL_DIR", home.toString());
    return pb;
  }

  Run run(String... args) throws Exception {
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jpar " + String.join(" ", args) + " did not end");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Stops every process of this home's clusters (a failed test may leave its daemon running):
   * those naming the home, and daemons of a cluster id starting with {@code clusterIdPrefix}
   * started from this build's classes. (Command lines are read up to 4096 characters, which
   * a long class path fills, so the test looks at their beginning only.)
   */
  void stopWhatIsLeft(String clusterIdPrefix) {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String ours = cp.split(java.io.File.pathSeparator)[0];
    ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())
            || (c.contains("-Djparallel.cluster=" + clusterIdPrefix) && c.contains(ours))).orElse(false))
        .filter(h -> h.pid() != ProcessHandle.current().pid())
        .forEach(ProcessHandle::destroyForcibly);
  }

  static void waitGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("process " + pid + " still alive").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static void waitFor(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
