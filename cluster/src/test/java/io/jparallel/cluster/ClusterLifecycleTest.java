package io.jparallel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineDiedException;
import io.jparallel.client.EngineEvent;
import io.jparallel.client.JParallelException;
import io.jparallel.client.RemoteException;
import io.jparallel.client.TaskAbortedException;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.LocalEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Engines dying and clusters stopping: nothing hangs, nothing is left behind. */
@Timeout(120)
class ClusterLifecycleTest {

  @Test
  void engineKilledMidTaskFailsItAsItsLauncherSeesItExitAndTheOtherKeepsServing() throws Exception {
    try (Cluster cluster = Cluster.local(2)) {
      Client rc = cluster.client();
      long victim = rc.direct(0).apply(() -> ProcessHandle.current().pid());
      AsyncResult<Object> running = rc.direct(0).applyAsync(() -> {
        Thread.sleep(60_000);
        return null;
      });
      Thread.sleep(300);
      new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
      // the launcher's exit notice, not the heartbeats that stop seconds later, fails the task
      assertThatThrownBy(() -> running.get(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(EngineDiedException.class, e -> assertThat(e.engineId()).isEqualTo(0))
          .hasMessageContaining("exited");
      assertThat(rc.direct(1).apply(() -> 41 + 1)).isEqualTo(42);
      int tripled = rc.loadBalanced().apply(x -> x * 3, 5);
      assertThat(tripled).isEqualTo(15);
    }
  }

  @Test
  void aClientInTheControllersJvmGoesOverInprocAndLearnsAtOnceWhenTheControllerStops(@TempDir Path dir) throws Exception {
    Controller controller = Controller.start(ControllerOptions.defaults("inproc-test"));
    ConnectionInfo info = controller.connectionInfo();
    assertThat(LocalEndpoints.lookup(info.clientAddress())).isPresent();
    Path engineFile = dir.resolve("engine.json");
    info.forEngines().write(engineFile);
    EngineProcess engine = new EngineProcess(0, EngineProcess.command("inproc-test", engineFile, 0,
        List.of("-XX:+UseSerialGC")), dir.resolve("engine.log"), (p, code) -> { });
    engine.start();
    try (Client rc = Client.connect(info)) {
      rc.waitForEngines(1, Duration.ofSeconds(60));
      assertThat(rc.direct(0).apply(() -> 6 * 7)).isEqualTo(42);
      AsyncResult<Object> running = rc.direct(0).applyAsync(() -> {
        Thread.sleep(60_000);
        return null;
      });
      controller.close();
      // told by the controller as it stops ("stopped"), not by missed heartbeats ("lost the controller")
      assertThatThrownBy(() -> running.get(Duration.ofSeconds(30)))
          .isInstanceOf(JParallelException.class).hasMessageContaining("stopped");
      assertThatThrownBy(() -> rc.direct(0).applyAsync(() -> 2)).isInstanceOf(JParallelException.class);
    } finally {
      controller.close();
      engine.stop();
      engine.awaitStop(5000);
    }
    assertThat(LocalEndpoints.lookup(info.clientAddress())).isEmpty();
  }

  @Test
  void aTaskThatIgnoresAbortGetsItsEngineRestartedUnderTheSameId() throws Exception {
    try (Cluster cluster = Cluster.builder().engines(2)
        .jvmOptions(List.of("-XX:+UseSerialGC", "-Djparallel.abort.grace.ms=1000")).start()) {
      Client rc = cluster.client();
      List<EngineEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      rc.onEngineEvent(events::add);
      rc.direct(0).execute("int keep = 42;");
      long before = rc.direct(0).apply(() -> ProcessHandle.current().pid());
      AsyncResult<Object> spinning = rc.direct(0).applyAsync(() -> {
        long n = 0;
        while (n >= 0) {
          n++; // ignores interrupts
        }
        return n;
      });
      Thread.sleep(300);
      spinning.abort();
      assertThatThrownBy(() -> spinning.get(Duration.ofSeconds(15))).isInstanceOf(TaskAbortedException.class);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!rejoined(events, 0)) {
        assertThat(System.nanoTime()).as("engine 0 back within 30 s: " + events).isLessThan(deadline);
        Thread.sleep(100);
      }
      long after = rc.direct(0).apply(() -> ProcessHandle.current().pid());
      assertThat(after).isNotEqualTo(before);
      assertThat(rc.ids()).containsExactly(0, 1);
      assertThatThrownBy(() -> rc.direct(0).execute("keep")).isInstanceOf(RemoteException.class); // namespace lost
    }
  }

  /** An engine left and joined again under the same id, in that order. */
  private static boolean rejoined(List<EngineEvent> events, int id) {
    boolean left = false;
    for (EngineEvent e : events) {
      if (e.engineId() == id && !e.joined()) {
        left = true;
      } else if (left && e.engineId() == id && e.joined()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void closeLeavesNoProcessAndNoConnectionFile() throws Exception {
    Cluster cluster = Cluster.local(2);
    List<Long> pids = cluster.enginePids();
    Path file = cluster.clientFile();
    assertThat(pids).hasSize(2);
    assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(cluster.client().direct().apply(() -> 1)).containsExactly(1, 1);
    cluster.close();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("engine pid " + pid).isFalse();
    }
    assertThat(Files.exists(file)).isFalse();
  }
}
