package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.kernel.install.InstallLocation;
import io.jparallel.kernel.install.KernelLaunch;
import io.jparallel.kernel.install.KernelSpecInstaller;
import io.jparallel.testkit.HostsKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %cluster start --engines slurm -n 2} in the kernel, driven by Debian's jupyter_client,
 * on a real Slurm whose two nodes are network namespaces ({@link HostsKit}). Skipped, saying
 * why, without root, the Slurm packages or the Python packages.
 */
@Timeout(300)
class KernelLaunchersIT {
  static final Path PYTHON = JupyterClientsIT.PYTHON;
  static final String KERNEL = "jparallel-launchers-test";
  static HostsKit kit;

  @TempDir
  static Path prefix;

  @BeforeAll
  static void up() throws Exception {
    Optional<String> why = HostsKit.unavailable();
    if (why.isEmpty() && !Files.isExecutable(PYTHON)) {
      why = Optional.of(PYTHON + " not found");
    }
    if (why.isEmpty()) {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import jupyter_client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        why = Optional.of("python3-jupyter-client missing");
      }
    }
    if (why.isPresent()) {
      System.out.println("SKIPPED KernelLaunchersIT (%cluster start --engines slurm): " + why.get());
    }
    assumeTrue(why.isEmpty(), why.orElse(""));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    KernelSpecInstaller.install(new InstallLocation.Prefix(prefix), KERNEL, "Java (jparallel, launchers test)",
        new KernelLaunch.ClassPath(classPath), KernelSpecInstaller.defaultJvmOptions());
    kit = HostsKit.start(Path.of("target").toAbsolutePath(), 2, true);
  }

  @AfterAll
  static void down() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void slurmClusterStartsFromACellRunsOnBothHostsAndStops() throws Exception {
    Path log = Files.createDirectories(Path.of("target/jupyter-client-logs")).resolve("test_cluster_slurm.log");
    ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), "-X", "frozen_modules=off", "test_cluster_slurm.py")
        .directory(JupyterClientsIT.SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
    pb.environment().put("JPARALLEL_KERNEL_NAME", KERNEL);
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    pb.environment().put("JPARALLEL_TEST_IP", kit.controllerAddress());
    pb.environment().put("JPARALLEL_TEST_HOSTS", kit.hostAddress(1) + "," + kit.hostAddress(2));
    pb.environment().putAll(kit.slurmEnvironment());
    Process p = pb.start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println("---- test_cluster_slurm ----\n" + out);
    assertThat(done).as("finished in time:\n" + out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(kit.slurm("squeue", "-h")).isBlank();
    assertThat(kit.awaitNoGuests(java.time.Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }
}
