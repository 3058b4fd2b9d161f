package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.kernel.install.InstallLocation;
import io.jparallel.kernel.install.KernelLaunch;
import io.jparallel.kernel.install.KernelSpecInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel against real Jupyter clients (Debian's jupyter_client, jupyter_kernel_test,
 * nbclient): installed into a temporary prefix from this build's class path, found through
 * JUPYTER_PATH. Skipped, saying why, when /usr/bin/python3 or the packages are missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JupyterClientsIT {
  static final Path PYTHON = Path.of(System.getProperty("jparallel.python", "/usr/bin/python3"));
  static final Path SCRIPTS = Path.of("src/test/python").toAbsolutePath();
  static final String KERNEL = "jparallel-test";

  @TempDir
  static Path prefix;

  @BeforeAll
  static void install() throws Exception {
    skipUnless(Files.isExecutable(PYTHON), PYTHON + " not found (these tests need Debian's python3)");
    String missing = missingModules();
    skipUnless(missing.isEmpty(), "python modules missing: " + missing
        + " (apt-get install python3-jupyter-client python3-jupyter-kernel-test python3-nbclient python3-zmq)");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // %maven in the notebooks resolves from the local repository only (the build put commons-math3
    // there: kernel/pom.xml, dependency:get): tests reach no network
    Path offline = Files.writeString(prefix.resolve("offline-settings.xml"), "<settings><offline>true</offline></settings>");
    List<String> jvm = new ArrayList<>(KernelSpecInstaller.defaultJvmOptions());
    jvm.add("-Djparallel.maven.settings=" + offline);
    KernelSpecInstaller.install(new InstallLocation.Prefix(prefix), KERNEL, "Java (jparallel, test)",
        new KernelLaunch.ClassPath(classPath), jvm);
  }

  /** Skips every test of this class, and says so on the console. */
  static void skipUnless(boolean condition, String why) {
    if (!condition) {
      String line = "SKIPPED JupyterClientsIT (kernel protocol suite, hostile messages, interrupts, no-op cells, "
          + "notebooks): " + why;
      System.out.println(line);
      assumeTrue(false, line);
    }
  }

  private static String missingModules() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String module : List.of("jupyter_client", "jupyter_kernel_test", "nbclient", "nbformat", "zmq")) {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        missing.add(module);
      }
    }
    return String.join(", ", missing);
  }

  static String python(Path logDir, String name, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-X", "frozen_modules=off"));
    cmd.addAll(List.of(args));
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
    pb.environment().put("JPARALLEL_KERNEL_NAME", KERNEL);
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println("---- " + name + " ----\n" + out);
    assertThat(done).as(name + " finished within " + timeoutSeconds + " s:\n" + out).isTrue();
    assertThat(p.exitValue()).as(name + " exit code; output:\n" + out).isZero();
    return out;
  }

  private static Path logs() throws IOException {
    return Files.createDirectories(Path.of("target/jupyter-client-logs"));
  }

  @Test
  @Order(1)
  void kernelspecIsListed() throws Exception {
    String out = python(logs(), "kernelspec-list", 60, "-m", "jupyter_client.kernelspecapp", "list");
    assertThat(out).contains(KERNEL).contains(prefix.toString());
  }

  @Test
  @Order(2)
  void jupyterKernelTestSuite() throws Exception {
    python(logs(), "test_kernel_protocol", 300, "test_kernel_protocol.py");
  }

  @Test
  @Order(3)
  void hostileMessagesAreDropped() throws Exception {
    python(logs(), "test_wire_robustness", 180, "test_wire_robustness.py");
  }

  @Test
  @Order(4)
  void interruptsAndShutdown() throws Exception {
    python(logs(), "test_interrupt", 300, "test_interrupt.py");
  }

  /** Every no-op cell is answered; how fast is reported in target/noop-latency.json, never judged here. */
  @Test
  @Order(5)
  void noOpCellsRoundTripAndTheirLatencyIsReported() throws Exception {
    String out = python(logs(), "latency_bench", 300, "latency_bench.py");
    Files.writeString(Path.of("target/noop-latency.json"), out.lines().filter(l -> l.startsWith("{")).reduce("", String::concat));
  }

  @Test
  @Order(6)
  void notebooksRunEndToEnd() throws Exception {
    python(logs(), "run_notebooks", 900, "run_notebooks.py");
  }

  /** Issue 10 item by item: errors, JShell commands, Ref, chunks, %who, records, exit, progress, a stopped cluster. */
  @Test
  @Order(7)
  void dailyUse() throws Exception {
    python(logs(), "test_daily_use", 300, "test_daily_use.py");
  }
}
