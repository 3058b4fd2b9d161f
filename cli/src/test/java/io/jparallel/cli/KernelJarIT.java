package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The shaded jpar.jar (dependencies relocated to io.jparallel.shaded.*) as users get it:
 * {@code jpar kernel install --prefix}, then Debian's jupyter_client and jupyter_kernel_test
 * against the installed copy, including a cluster started from a cell.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelJarIT {
  static final Path JAR = Path.of("target/jpar.jar").toAbsolutePath();
  static final Path PYTHON = Path.of(System.getProperty("jparallel.python", "/usr/bin/python3"));
  static final Path SCRIPTS = Path.of("../kernel/src/test/python").toAbsolutePath().normalize();
  static final String NAME = "jparallel-jar-test";

  @TempDir
  static Path prefix;

  @BeforeAll
  static void requirements() {
    skipUnless(Files.isRegularFile(JAR), JAR + " not built (run the package phase)");
  }

  static void skipUnless(boolean condition, String why) {
    if (!condition) {
      String line = "SKIPPED KernelJarIT (shaded jar as a Jupyter kernel): " + why;
      System.out.println(line);
      assumeTrue(false, line);
    }
  }

  static String run(String name, long timeoutSeconds, Path dir, List<String> cmd) throws IOException, InterruptedException {
    Path log = Files.createDirectories(Path.of("target/jupyter-client-logs")).resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
    pb.environment().put("JPARALLEL_KERNEL_NAME", NAME);
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println("---- " + name + " ----\n" + out);
    assertThat(done).as(name + " finished in time:\n" + out).isTrue();
    assertThat(p.exitValue()).as(name + " exit code; output:\n" + out).isZero();
    return out;
  }

  static List<String> python(String... args) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-X", "frozen_modules=off"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  @Order(1)
  void installWritesAKernelspecWithItsOwnJar() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String out = run("jpar-kernel-install", 60, Path.of("."),
        List.of(java, "-jar", JAR.toString(), "kernel", "install", "--prefix", prefix.toString(), "--name", NAME));
    Path dir = prefix.resolve("share/jupyter/kernels/" + NAME);
    assertThat(out).contains("Installed kernelspec " + NAME);
    assertThat(dir.resolve("jpar.jar")).exists().hasSize(Files.size(JAR));
    String spec = Files.readString(dir.resolve("kernel.json")).replace("\" : ", "\": "); // Jackson's pretty printer
    assertThat(spec).contains("\"interrupt_mode\": \"message\"").contains("\"language\": \"java\"")
        .contains(dir.resolve("jpar.jar").toString()).contains("\"Java (jparallel)\"");
  }

  @Test
  @Order(2)
  void jupyterListsItAndItServesTheProtocolSuiteAndAClusterFromTheRelocatedJar() throws Exception {
    skipUnless(Files.isExecutable(PYTHON), PYTHON + " not found");
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import jupyter_client, jupyter_kernel_test, zmq")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    skipUnless(probe.waitFor() == 0, "python3-jupyter-client / python3-jupyter-kernel-test not installed");

    assertThat(run("jar-kernelspec-list", 60, SCRIPTS, python("-m", "jupyter_client.kernelspecapp", "list"))).contains(NAME);
    run("jar-test_kernel_protocol", 300, SCRIPTS, python("test_kernel_protocol.py"));
    run("jar-test_interrupt", 300, SCRIPTS, python("test_interrupt.py"));
  }
}
