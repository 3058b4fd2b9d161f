package io.jparallel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineDiedException;
import io.jparallel.client.EngineStatus;
import io.jparallel.testkit.HostsKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launchers against real sshd, Slurm and MPICH on two hosts made of network namespaces
 * ({@link HostsKit}): engines run and report their own addresses there, a killed engine or a
 * cancelled job fails its running task with EngineDiedException while the rest serves, failed
 * starts say why in one line, and nothing is left running in any namespace afterwards.
 * Skipped, saying why, without root or the packages.
 */
@Timeout(300)
class RemoteLaunchersTest {
  static HostsKit kit;

  @BeforeAll
  static void up() throws Exception {
    Optional<String> why = HostsKit.unavailable();
    if (why.isPresent()) {
      System.out.println("SKIPPED RemoteLaunchersTest (ssh, Slurm, MPI launchers on network namespaces): " + why.get());
    }
    assumeTrue(why.isEmpty(), why.orElse(""));
    long t0 = System.nanoTime();
    kit = HostsKit.start(Path.of("target").toAbsolutePath(), 2, true);
    System.out.printf("hosts kit up in %.2f s: %s%n", (System.nanoTime() - t0) / 1e9, kit.cidr());
  }

  @AfterAll
  static void down() {
    if (kit != null) {
      kit.close();
    }
  }

  static Map<String, Integer> twoEach() {
    Map<String, Integer> hosts = new LinkedHashMap<>();
    hosts.put(kit.hostAddress(1), 2);
    hosts.put(kit.hostAddress(2), 2);
    return hosts;
  }



  @Test
  void sshEnginesRunOnTheirHostsAndOneKilledMidTaskFailsOnlyItsTask() throws Exception {
    try (Cluster c = Cluster.builder().clusterId("ssh-" + ProcessHandle.current().pid())
        .launcher(Launchers.ssh(twoEach()).sshOptions(List.of("-F", kit.sshConfig().toString()))).start()) {
      assertThat(c.connectionInfo().ip()).isEqualTo(kit.controllerAddress()); // the interface routing to the hosts
      assertThat(c.connectionInfo().curveEnabled()).isTrue();
      Client rc = c.client();
      assertThat(rc.ids()).containsExactly(0, 1, 2, 3);
      List<String> where = rc.direct().apply(HostsKit::ownAddress);
      assertThat(where).containsExactly(kit.hostAddress(1), kit.hostAddress(1), kit.hostAddress(2), kit.hostAddress(2));
      Map<Integer, EngineStatus> status = rc.queueStatus();
      assertThat(status.values()).allSatisfy(s -> assertThat(s.launcher()).isEqualTo("ssh"));
      assertThat(status.values().stream().map(EngineStatus::host).collect(Collectors.toList()))
          .containsExactly(kit.hostAddress(1), kit.hostAddress(1), kit.hostAddress(2), kit.hostAddress(2));

      AsyncResult<Object> running = rc.direct(0).applyAsync(() -> {
        Thread.sleep(120_000);
        return null;
      });
      Thread.sleep(300);
      ProcessHandle.of(status.get(0).pid()).orElseThrow().destroyForcibly(); // the engine JVM on host 1
      assertThatThrownBy(() -> running.get(Duration.ofSeconds(30))).isInstanceOf(EngineDiedException.class);
      List<Integer> ones = rc.direct(1, 2, 3).apply(() -> 1);
      assertThat(ones).containsExactly(1, 1, 1);
    }
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }

  @Test
  void aSlurmJobStartsTheEnginesAndItsCancellationFailsTheirRunningTasks() throws Exception {
    SlurmLauncher slurm = Launchers.slurm("--nodes=2", "--ntasks-per-node=2").environment(kit.slurmEnvironment());
    try (Cluster c = Cluster.builder().clusterId("slurm-" + ProcessHandle.current().pid()).engines(4)
        .ip(kit.controllerAddress()).launcher(slurm).start()) {
      Client rc = c.client();
      Map<Integer, EngineStatus> status = rc.queueStatus();
      String job = status.get(0).jobId();
      assertThat(job).isNotEmpty();
      assertThat(status.values()).allSatisfy(s -> {
        assertThat(s.launcher()).isEqualTo("slurm");
        assertThat(s.jobId()).isEqualTo(job);
      });
      assertThat(c.launched()).singleElement().satisfies(p -> assertThat(p.jobId()).isEqualTo(job));
      List<String> where = rc.direct().apply(HostsKit::ownAddress);
      assertThat(where).containsOnly(kit.hostAddress(1), kit.hostAddress(2));
      assertThat(where.stream().filter(kit.hostAddress(1)::equals).count()).isEqualTo(2);
      assertThat(kit.slurm("squeue", "-h", "-o", "%i %T")).contains(job + " RUNNING");

      AsyncResult<Object> running = rc.direct(1).applyAsync(() -> {
        Thread.sleep(120_000);
        return null;
      });
      Thread.sleep(300);
      kit.slurm("scancel", job);
      assertThatThrownBy(() -> running.get(Duration.ofSeconds(30))).isInstanceOf(EngineDiedException.class)
          .hasMessageContaining("engine 1");
    }
    assertThat(kit.slurm("squeue", "-h")).isBlank();
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }

  @Test
  void mpichStartsEnginesWhoseIdsAreTheirRanks() throws Exception {
    MpiLauncher mpi = Launchers.mpi("-launcher", "ssh", "-launcher-exec", kit.sshWrapper().toString(), "-iface",
        kit.bridge(), "-hosts", kit.hostAddress(1) + ":2," + kit.hostAddress(2) + ":2").mpiexec("mpiexec.hydra");
    try (Cluster c = Cluster.builder().clusterId("mpich-" + ProcessHandle.current().pid()).engines(4)
        .ip(kit.controllerAddress()).launcher(mpi).start()) {
      Client rc = c.client();
      assertThat(rc.ids()).containsExactly(0, 1, 2, 3);
      List<String> ranks = rc.direct().apply(() -> System.getenv("PMI_RANK"));
      assertThat(ranks).containsExactly("0", "1", "2", "3");
      List<String> where = rc.direct().apply(HostsKit::ownAddress);
      assertThat(where).containsExactly(kit.hostAddress(1), kit.hostAddress(1), kit.hostAddress(2), kit.hostAddress(2));
    }
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }

  @Test
  void anUnreachableHostARefusedKeyAndABadPartitionEachFailInOneLineLeavingNothing() throws Exception {
    Map<String, Integer> unreachable = new LinkedHashMap<>();
    unreachable.put(kit.hostAddress(1), 1);
    unreachable.put(kit.unreachableAddress(), 1);
    assertThatThrownBy(() -> Cluster.builder().startTimeout(Duration.ofSeconds(60))
        .launcher(Launchers.ssh(unreachable).sshOptions(List.of("-F", kit.sshConfig().toString()))).start())
        .isInstanceOf(LaunchException.class)
        .satisfies(e -> {
          System.out.println("unreachable host: " + e.getMessage());
          assertThat(e.getMessage()).doesNotContain("\n").contains("ssh to " + kit.unreachableAddress() + " failed")
              .containsAnyOf("No route to host", "timed out", "Connection refused");
        });
    assertThatThrownBy(() -> Cluster.builder().startTimeout(Duration.ofSeconds(60))
        .launcher(Launchers.ssh(Map.of(kit.hostAddress(2), 1)).sshOptions(List.of("-F", kit.strangerSshConfig().toString())))
        .start())
        .isInstanceOf(LaunchException.class)
        .satisfies(e -> {
          System.out.println("refused key: " + e.getMessage());
          assertThat(e.getMessage()).doesNotContain("\n").contains("Permission denied");
        });
    assertThatThrownBy(() -> Cluster.builder().engines(2).ip(kit.controllerAddress()).startTimeout(Duration.ofSeconds(60))
        .launcher(Launchers.slurm("--partition=nosuchpartition").environment(kit.slurmEnvironment())).start())
        .isInstanceOf(LaunchException.class)
        .satisfies(e -> {
          System.out.println("bad partition: " + e.getMessage());
          assertThat(e.getMessage()).doesNotContain("\n").contains("sbatch failed").contains("partition");
        });
    assertThat(kit.slurm("squeue", "-h")).isBlank();
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).as("processes left in the hosts' namespaces").isEmpty();
  }
}
