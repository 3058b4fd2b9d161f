package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.client.Client;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The jpar command as a user runs it: separate processes, real connection files. */
@Timeout(180)
class CliTest {
  @TempDir
  Path home;

  private Jpar jpar;

  private Jpar jpar() {
    if (jpar == null) {
      jpar = new Jpar(home);
    }
    return jpar;
  }

  private ProcessBuilder builder(String... args) {
    return jpar().builder(args);
  }

  private Jpar.Run run(String... args) throws Exception {
    return jpar().run(args);
  }

  /** A failed test may leave its daemon cluster running: stop every process of this test's clusters. */
  @AfterEach
  void stopWhatIsLeft() {
    jpar().stopWhatIsLeft("t");
  }

  private Path security() {
    return jpar().security();
  }

  @Test
  void daemonClusterStartsStatusesAndStopsLeavingNothing() throws Exception {
    Jpar.Run start = run("cluster", "start", "--daemon", "-n", "2", "--cluster-id", "t1");
    assertThat(start.status()).as(start.toString()).isZero();
    assertThat(start.stdout()).contains("cluster t1 started: 2 engines");
    Path clientFile = security().resolve("client-t1.json");
    assertThat(Files.getPosixFilePermissions(clientFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    ConnectionInfo info = ConnectionInfo.read(clientFile);
    List<Long> engines;
    try (Client rc = Client.connect(clientFile)) {
      assertThat(rc.ids()).containsExactly(0, 1); // --daemon returned after the engines registered
      engines = rc.direct().apply(() -> ProcessHandle.current().pid());
    }
    Jpar.Run status = run("cluster", "status");
    assertThat(status.stdout()).contains("t1: 2 engines").contains("engine 0").contains("engine 1");
    Jpar.Run stop = run("cluster", "stop", "--cluster-id", "t1");
    assertThat(stop.status()).as(stop.toString()).isZero();
    assertThat(stop.stdout()).contains("stopped cluster t1");
    for (long pid : engines) {
      waitGone(pid);
    }
    waitGone(info.pid());
    assertThat(Files.exists(clientFile)).isFalse();
  }

  @Test
  void whenTheControllerDiesWaitingTasksFailAndEnginesExitByThemselves() throws Exception {
    Jpar.Run start = run("cluster", "start", "--daemon", "-n", "2", "--cluster-id", "t3");
    assertThat(start.status()).as(start.toString()).isZero();
    Path clientFile = security().resolve("client-t3.json");
    long controllerPid = ConnectionInfo.read(clientFile).pid();
    try (Client rc = Client.connect(clientFile)) {
      List<Long> engines = rc.direct().apply(() -> ProcessHandle.current().pid());
      var pending = rc.loadBalanced().applyAsync(() -> {
        Thread.sleep(120_000);
        return 1;
      });
      new ProcessBuilder("kill", "-9", Long.toString(controllerPid)).start().waitFor();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> pending.get(Duration.ofSeconds(30)))
          .isInstanceOf(io.jparallel.client.JParallelException.class)
          .hasMessageContaining("lost the controller");
      for (long pid : engines) {
        waitGone(pid);
      }
    }
  }

  @Test
  void controllerAndEnginesStartedSeparatelyJoinUp() throws Exception {
    Process controller = builder("controller", "--cluster-id", "t2").redirectErrorStream(true)
        .redirectOutput(home.resolve("controller.log").toFile()).start();
    List<Process> engines = new ArrayList<>();
    try {
      Path engineFile = security().resolve("engine-t2.json");
      waitFor(engineFile);
      for (int i = 0; i < 2; i++) {
        engines.add(builder("engine", "--file", engineFile.toString()).redirectErrorStream(true)
            .redirectOutput(home.resolve("engine" + i + ".log").toFile()).start());
      }
      try (Client rc = Client.connect(security().resolve("client-t2.json"))) {
        rc.waitForEngines(2, Duration.ofSeconds(60));
        List<Integer> ones = rc.direct().apply(() -> 1);
        assertThat(ones).containsExactly(1, 1);
        rc.shutdown(true);
      }
      assertThat(controller.waitFor(20, TimeUnit.SECONDS)).isTrue();
      for (Process e : engines) {
        assertThat(e.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(e.exitValue()).isZero();
      }
    } finally {
      engines.forEach(Process::destroyForcibly);
      controller.destroyForcibly();
    }
  }

  @Test
  void benchWritesTheSharedJsonSchema() throws Exception {
    Path json = home.resolve("bench.json");
    Jpar.Run r = run("bench", "latency,single,granularity", "-n", "2", "--latency-n", "16,64", "--single", "20",
        "--no-warmup", "--map-dt", "1", "--map-n", "4", "--json", json.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("latency    n=    16").contains("single     median").contains("granularity: ");
    // its cluster stops its engines at the end: expected, so no "engine N is gone" warnings
    assertThat(r.stderr()).as("a run that ends normally warns of nothing").doesNotContain(" WARN ");
    JsonNode j = Json.tree(Files.readAllBytes(json));
    assertThat(j.get("engines").asInt()).isEqualTo(2);
    assertThat(j.get("view").asText()).isEqualTo("loadbalanced");
    JsonNode row = j.get("latency").get(1);
    for (String key : List.of("n", "sent_s", "roundtrip_s", "sent_per_s", "roundtrip_per_s")) {
      assertThat(row.has(key)).as(key).isTrue();
    }
    assertThat(j.get("single").get("median_us").asDouble()).isPositive();
  }

  /** Issue 10.10: the command line has every benchmark the REPL has, and its help names nothing outside the project. */
  @Test
  void benchHelpListsGranularity() throws Exception {
    Jpar.Run help = run("bench", "--help");
    assertThat(help.status()).as(help.toString()).isZero();
    assertThat(help.stdout()).contains("granularity").doesNotContain("../").doesNotContain("anchors");
  }

  @Test
  void badInputIsOneClearLine() throws Exception {
    Jpar.Run stop = run("cluster", "stop");
    assertThat(stop.status()).isEqualTo(1);
    assertThat(stop.stderr().strip()).startsWith("jpar: no cluster is running").doesNotContain("\tat ");
    Jpar.Run engine = run("engine", "--file", home.resolve("missing.json").toString());
    assertThat(engine.status()).isEqualTo(1);
    assertThat(engine.stderr() + engine.stdout()).contains("missing.json").doesNotContain("\tat ");
    Jpar.Run unknown = run("frobnicate");
    assertThat(unknown.status()).isNotZero();
    assertThat(unknown.stderr()).contains("frobnicate");
  }

  private static void waitGone(long pid) throws InterruptedException {
    Jpar.waitGone(pid);
  }

  private static void waitFor(Path file) throws InterruptedException {
    Jpar.waitFor(file);
  }
}
