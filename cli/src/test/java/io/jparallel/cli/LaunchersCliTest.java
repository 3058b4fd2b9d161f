package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.client.Client;
import io.jparallel.testkit.HostsKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jpar cluster start --engines ssh|slurm|mpi}, {@code status} and {@code stop} as a user
 * runs them, against real sshd, Slurm and Open MPI on two hosts made of network namespaces
 * ({@link HostsKit}): engines on each host report their own addresses, status shows host, pid
 * and launcher, and stop leaves nothing running in any namespace. Skipped, saying why,
 * without root or the packages.
 */
@Timeout(300)
class LaunchersCliTest {
  static HostsKit kit;

  /** Under target/, so the logs of a failed run stay for reading. */
  static Path home;

  record Run(int status, String stdout, String stderr) {}

  @BeforeAll
  static void up() throws Exception {
    Optional<String> why = HostsKit.unavailable();
    if (why.isPresent()) {
      System.out.println("SKIPPED LaunchersCliTest (jpar cluster start --engines ssh|slurm|mpi): " + why.get());
    }
    assumeTrue(why.isEmpty(), why.orElse(""));
    home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "launchers-home-");
    kit = HostsKit.start(Path.of("target").toAbsolutePath(), 2, true);
  }

  @AfterAll
  static void down() {
    if (kit != null) {
      kit.close();
    }
  }

  /** A failed test may leave its daemon cluster running: stop the processes of this test's home. */
  @AfterEach
  void stopWhatIsLeft() {
    ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains("-Djparallel.cluster=cli-")).orElse(false))
        .filter(h -> h.pid() != ProcessHandle.current().pid())
        .forEach(ProcessHandle::destroy);
  }

  private static Run jpar(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("JPARALLEL_DIR", home.toString());
    pb.environment().putAll(kit.slurmEnvironment());
    Process p = pb.start();
    if (!p.waitFor(200, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jpar " + String.join(" ", args) + " did not end");
    }
    Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    System.out.println("jpar " + String.join(" ", args) + " -> " + r);
    return r;
  }


  /** Its own IPv4 address (HostsKit's is in a test jar, whose classes engines are not sent). */
  static String ownAddress() throws Exception {
    return java.net.NetworkInterface.networkInterfaces().flatMap(java.net.NetworkInterface::inetAddresses)
        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
        .map(java.net.InetAddress::getHostAddress).findFirst().orElse("none");
  }

  private static Path clientFile(String id) {
    return home.resolve("profile_default/security/client-" + id + ".json");
  }


  @Test
  void sshClusterStartsTwoEnginesPerHostShowsThemAndStopsThem() throws Exception {
    String a = kit.hostAddress(1);
    String b = kit.hostAddress(2);
    Run start = jpar("cluster", "start", "--daemon", "--cluster-id", "cli-ssh", "--engines", "ssh", "--hosts",
        a + ":2," + b + ":2", "--ssh-opt=-F", "--ssh-opt=" + kit.sshConfig());
    assertThat(start.status()).as(start.toString()).isZero();
    assertThat(start.stdout()).contains("cluster cli-ssh started: 4 engines");
    try (Client rc = Client.connect(clientFile("cli-ssh"))) {
      assertThat(rc.connectionInfo().curveEnabled()).isTrue();
      List<String> where = rc.direct().apply(LaunchersCliTest::ownAddress);
      assertThat(where).containsExactly(a, a, b, b);
    }
    Run status = jpar("cluster", "status");
    assertThat(status.stdout()).contains("cli-ssh: 4 engines").contains("CurveZMQ");
    assertThat(status.stdout().lines().filter(l -> l.contains(" on " + a + ", ssh")).count()).isEqualTo(2);
    assertThat(status.stdout().lines().filter(l -> l.contains(" on " + b + ", ssh")).count()).isEqualTo(2);
    Run stop = jpar("cluster", "stop", "--cluster-id", "cli-ssh");
    assertThat(stop.stdout()).contains("stopped cluster cli-ssh");
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
    assertThat(clientFile("cli-ssh")).doesNotExist();
  }

  @Test
  void slurmClusterIsOneJobThatSqueueShowsUntilStop() throws Exception {
    Run start = jpar("cluster", "start", "--daemon", "--cluster-id", "cli-slurm", "--engines", "slurm", "-n", "4",
        "--ip", kit.controllerAddress(), "--slurm-opt=--nodes=2", "--slurm-opt=--ntasks-per-node=2");
    assertThat(start.status()).as(start.toString()).isZero();
    String queue = kit.slurm("squeue", "-h", "-o", "%i %T %j");
    assertThat(queue).contains("RUNNING jpar-cli-slurm");
    String job = queue.strip().split("\\s+")[0];
    try (Client rc = Client.connect(clientFile("cli-slurm"))) {
      List<String> where = rc.direct().apply(LaunchersCliTest::ownAddress);
      assertThat(where).containsOnly(kit.hostAddress(1), kit.hostAddress(2)).hasSize(4);
    }
    Run status = jpar("cluster", "status", "--cluster-id", "cli-slurm");
    assertThat(status.stdout().lines().filter(l -> l.contains(", slurm job " + job)).count()).isEqualTo(4);
    Run stop = jpar("cluster", "stop", "--cluster-id", "cli-slurm");
    assertThat(stop.stdout()).contains("stopped cluster cli-slurm");
    assertThat(kit.slurm("squeue", "-h")).isBlank();
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }

  @Test
  void mpiClusterGivesEachEngineItsRankAsId() throws Exception {
    String hosts = kit.hostAddress(1) + ":2," + kit.hostAddress(2) + ":2";
    Run start = jpar("cluster", "start", "--daemon", "--cluster-id", "cli-mpi", "--engines", "mpi", "-n", "4",
        "--ip", kit.controllerAddress(), "--mpiexec", "mpiexec.openmpi", "--mpi-opt=--allow-run-as-root",
        "--mpi-opt=--host", "--mpi-opt=" + hosts, "--mpi-opt=--mca", "--mpi-opt=plm_rsh_agent",
        "--mpi-opt=" + kit.sshWrapper(), "--mpi-opt=--mca", "--mpi-opt=oob_tcp_if_include", "--mpi-opt=" + kit.cidr(),
        "--mpi-opt=--mca", "--mpi-opt=btl_tcp_if_include", "--mpi-opt=" + kit.cidr());
    assertThat(start.status()).as(start.toString()).isZero();
    try (Client rc = Client.connect(clientFile("cli-mpi"))) {
      assertThat(rc.ids()).containsExactly(0, 1, 2, 3);
      List<String> ranks = rc.direct().apply(() -> System.getenv("OMPI_COMM_WORLD_RANK"));
      assertThat(ranks).containsExactly("0", "1", "2", "3");
      List<String> where = rc.direct().apply(LaunchersCliTest::ownAddress);
      assertThat(where).containsExactly(kit.hostAddress(1), kit.hostAddress(1), kit.hostAddress(2), kit.hostAddress(2));
    }
    Run status = jpar("cluster", "status", "--cluster-id", "cli-mpi");
    assertThat(status.stdout().lines().filter(l -> l.contains(", mpi,")).count()).isEqualTo(4);
    Run stop = jpar("cluster", "stop", "--cluster-id", "cli-mpi");
    assertThat(stop.stdout()).contains("stopped cluster cli-mpi");
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }
}
