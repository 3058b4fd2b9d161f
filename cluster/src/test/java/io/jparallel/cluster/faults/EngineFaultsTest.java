package io.jparallel.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineDiedException;
import io.jparallel.client.EngineEvent;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.TaskAbortedException;
import io.jparallel.cluster.Cluster;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.engine.Engine;
import io.jparallel.engine.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines killed, paused, flooded and aborted under real clusters: no task is lost, the
 * running one is the only one that may fail, and an engine that comes back serves again.
 * Figures (how long detection took) are printed, never asserted.
 */
@Timeout(240)
class EngineFaultsTest {
  private static final Duration HANG = Duration.ofSeconds(120);

  private static long pid(Client rc, int engine) {
    return rc.direct(engine).apply(() -> ProcessHandle.current().pid());
  }

  /** The engine's pid, or -1 when it is gone by now. */
  private static long pidIfThere(Client rc, int engine) {
    try {
      return pid(rc, engine);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void say(String figure) {
    System.out.println("[figure] " + figure);
  }

  @Test
  void loadBalancedTasksQueuedOnAKilledEngineRunElsewhereOnlyTheRunningOneMayFail() throws Exception {
    try (Cluster cluster = Cluster.builder().engines(2).hwm(4).start()) {
      Client rc = cluster.client();
      long victim = pid(rc, 0);
      LoadBalancedView lv = rc.loadBalanced();
      List<AsyncResult<Integer>> ars = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ars.add(lv.applyAsync(x -> {
          Thread.sleep(100);
          return x * 2;
        }, i));
      }
      Thread.sleep(500);
      Procs.signal(victim, "KILL");
      int failed = 0;
      for (int i = 0; i < ars.size(); i++) {
        try {
          assertThat(ars.get(i).get(HANG)).isEqualTo(i * 2);
        } catch (EngineDiedException e) {
          failed++;
        }
      }
      say("SIGKILL of an engine holding 4 of 60 load-balanced tasks: " + failed + " failed (its running one), "
          + (60 - failed) + " ran elsewhere, 0 lost");
      assertThat(failed).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void anEnginePausedShorterThanTheHeartbeatTimeoutIsNotDeclaredDead() throws Exception {
    try (Cluster cluster = Cluster.local(2)) {
      Client rc = cluster.client();
      List<EngineEvent> events = new CopyOnWriteArrayList<>();
      rc.onEngineEvent(events::add);
      long victim = pid(rc, 0);
      List<AsyncResult<Integer>> ars = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ars.add(rc.direct(i % 2).applyAsync(x -> {
          Thread.sleep(50);
          return x;
        }, i));
      }
      Procs.signal(victim, "STOP");
      Thread.sleep(5000); // a long GC pause looks the same
      Procs.signal(victim, "CONT");
      for (int i = 0; i < ars.size(); i++) {
        assertThat(ars.get(i).get(HANG)).isEqualTo(i);
      }
      assertThat(events).as("no engine declared dead").noneMatch(e -> !e.joined());
      assertThat(rc.ids()).containsExactly(0, 1);
    }
  }

  @Test
  void anEnginePausedPastTheTimeoutIsReplacedItsTasksRetriedAndItRegistersAgainUnderANewId(@TempDir Path dir)
      throws Exception {
    try (Cluster cluster = Cluster.builder().engines(2).heartbeatTimeoutMs(3000).hwm(2).start()) {
      Client rc = cluster.client();
      List<EngineEvent> events = new CopyOnWriteArrayList<>();
      rc.onEngineEvent(events::add);
      long victim = pid(rc, 0);
      String marks = dir.toString();
      LoadBalancedView lv = rc.loadBalanced().retries(2);
      List<AsyncResult<Long>> ars = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ars.add(lv.applyAsync(x -> {
          for (int k = 0; k < 20; k++) {
            Thread.sleep(100); // a run the pause cuts in two is interrupted when it resumes
          }
          long me = ProcessHandle.current().pid();
          Files.writeString(Path.of(marks, "ran-" + x + "-" + me), "");
          return me;
        }, i));
      }
      Thread.sleep(300);
      long t0 = System.nanoTime();
      Procs.signal(victim, "STOP");
      try {
        while (events.stream().noneMatch(e -> e.engineId() == 0 && !e.joined())) {
          assertThat(System.nanoTime() - t0).as("engine 0 declared dead").isLessThan(HANG.toNanos());
          Thread.sleep(50);
        }
        say("SIGSTOP of an engine with --heartbeat-timeout 3 s: declared dead after "
            + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (AsyncResult<Long> ar : ars) {
          ar.get(HANG); // every task succeeds, on engine 1 or before the pause
        }
      } finally {
        Procs.signal(victim, "CONT");
      }
      long t1 = System.nanoTime();
      // the engine that joins under a new id with the paused engine's pid (on a loaded machine
      // the other engine may be declared dead and join again too: it is not the one looked for)
      int newId = -1;
      java.util.Set<Integer> asked = new java.util.HashSet<>();
      while (newId < 0) {
        assertThat(System.nanoTime() - t1).as("the paused engine registers again").isLessThan(HANG.toNanos());
        for (EngineEvent e : events) {
          if (e.joined() && e.engineId() != 0 && asked.add(e.engineId()) && pidIfThere(rc, e.engineId()) == victim) {
            newId = e.engineId();
          }
        }
        Thread.sleep(50);
      }
      say("the resumed engine registered again as engine " + newId + " after " + (System.nanoTime() - t1) / 1_000_000
          + " ms");
      assertThat(pid(rc, newId)).isEqualTo(victim);
      Thread.sleep(2500); // a first run still going on the paused engine would finish by now
      try (var files = Files.list(dir)) {
        List<String> fromVictim = files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith("-" + victim)).toList();
        for (String n : fromVictim) {
          // a task the paused engine finished before its pause is fine; one it ran again after is not
          String task = n.substring(4, n.indexOf('-', 4));
          try (var again = Files.list(dir)) {
            assertThat(again.filter(p -> p.getFileName().toString().startsWith("ran-" + task + "-")).count())
                .as("task " + task + " ran once: its first run was aborted when it was retried").isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void withEveryEngineGoneWaitingTasksFailAfterTheNoEnginesTimeout() throws Exception {
    try (Cluster cluster = Cluster.builder().engines(1).noEnginesTimeoutMs(3000).start()) {
      Client rc = cluster.client();
      long victim = pid(rc, 0);
      LoadBalancedView lv = rc.loadBalanced();
      AsyncResult<Object> running = lv.applyAsync(() -> {
        Thread.sleep(60_000);
        return null;
      });
      List<AsyncResult<Integer>> waiting = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        waiting.add(lv.applyAsync(x -> x, i));
      }
      Thread.sleep(300);
      long t0 = System.nanoTime();
      Procs.signal(victim, "KILL");
      assertThatThrownBy(() -> running.get(HANG)).isInstanceOf(EngineDiedException.class);
      for (AsyncResult<Integer> ar : waiting) {
        assertThatThrownBy(() -> ar.get(HANG)).isInstanceOf(EngineDiedException.class)
            .hasMessageContaining("no-engines-timeout");
      }
      say("all engines gone, --no-engines-timeout 3 s: 10 waiting tasks failed after "
          + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }

  @Test
  void abortIsFutureCancelAndNewWorkWaitsForTheRestartingEngine() throws Exception {
    try (Cluster cluster = Cluster.builder().engines(2)
        .jvmOptions(List.of("-XX:+UseSerialGC", "-Djparallel.abort.grace.ms=1000")).start()) {
      Client rc = cluster.client();
      // a task that returns once interrupted is still aborted
      AsyncResult<String> polite = rc.direct(1).applyAsync(() -> {
        try {
          Thread.sleep(60_000);
          return "slept";
        } catch (InterruptedException e) {
          return "returned after its interrupt";
        }
      });
      Thread.sleep(300);
      polite.abort();
      assertThatThrownBy(() -> polite.get(HANG)).isInstanceOf(TaskAbortedException.class);
      assertThat(polite.successful()).isFalse();
      assertThat(rc.direct(1).apply(() -> 1)).isEqualTo(1);

      // an uninterruptible one: the engine restarts; work sent right after waits for it
      long before = pid(rc, 0);
      AsyncResult<Long> spinning = rc.direct(0).applyAsync(() -> {
        long n = 0;
        while (n >= 0) {
          n++;
        }
        return n;
      });
      Thread.sleep(300);
      long t0 = System.nanoTime();
      spinning.abort();
      AsyncResult<Long> next = rc.direct(0).applyAsync(() -> ProcessHandle.current().pid());
      assertThatThrownBy(() -> spinning.get(HANG)).isInstanceOf(TaskAbortedException.class);
      assertThat(spinning.successful()).isFalse();
      long after = next.get(HANG);
      say("input right after aborting an uninterruptible task ran on the restarted engine after "
          + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertThat(after).isNotEqualTo(before);
    }
  }

  @Test
  void aDirectFloodNeitherKillsTheEngineNorLosesATask() throws Exception {
    try (Cluster cluster = Cluster.local(2)) {
      Client rc = cluster.client();
      List<EngineEvent> events = new CopyOnWriteArrayList<>();
      rc.onEngineEvent(events::add);
      int perEngine = 40_000;
      List<AsyncResult<Integer>> ars = new ArrayList<>(2 * perEngine);
      long t0 = System.nanoTime();
      for (int i = 0; i < 2 * perEngine; i++) {
        ars.add(rc.direct(i % 2).applyAsync(x -> x, i));
      }
      long sum = 0;
      for (AsyncResult<Integer> ar : ars) {
        sum += ar.get(HANG);
      }
      long n = 2L * perEngine;
      assertThat(sum).isEqualTo(n * (n - 1) / 2);
      assertThat(events).as("no engine declared dead").noneMatch(e -> !e.joined());
      say("direct flood: " + n + " tasks to 2 engines, none lost, " + Math.round(n / ((System.nanoTime() - t0) / 1e9))
          + " tasks/s");
    }
  }

  @Test
  void anEngineWhoseConnectionClosesIsDeclaredDeadAndALaunchersReportIsHeard() throws Exception {
    try (Controller controller = Controller.start(ControllerOptions.defaults("closed-test"))) {
      Engine engine = Engine.start(EngineOptions.of(controller.connectionInfo().forEngines()));
      try (Client rc = Client.connect(controller.connectionInfo().forClients())) {
        rc.waitForEngines(1, HANG);
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        rc.onEngineEvent(events::add);
        Thread.sleep(1500); // its heart has beaten: the controller's heart knows its connection
        long t0 = System.nanoTime();
        engine.close(); // its process lives on (this JVM): only its connection closes
        while (events.stream().noneMatch(e -> !e.joined())) {
          assertThat(System.nanoTime() - t0).as("engine declared dead").isLessThan(HANG.toNanos());
          Thread.sleep(20);
        }
        say("an engine whose connection closed was declared dead after " + (System.nanoTime() - t0) / 1_000_000
            + " ms (" + events.get(0).reason() + ")");
        assertThat(events.get(0).reason()).contains("connection closed");

        Engine second = Engine.start(EngineOptions.of(controller.connectionInfo().forEngines()));
        try {
          rc.waitForEngines(1, HANG);
          int id = rc.ids().get(0);
          AsyncResult<Object> task = rc.direct(id).applyAsync(() -> {
            Thread.sleep(60_000);
            return null;
          });
          Thread.sleep(300);
          rc.reportEngineExit(ProcessHandle.current().pid(), 1); // a launcher saw "its" process end
          assertThatThrownBy(() -> task.get(HANG)).isInstanceOf(EngineDiedException.class);
          rc.purgeResults();
        } finally {
          second.close();
        }
      } finally {
        engine.close();
      }
    }
  }
}
