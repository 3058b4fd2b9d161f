package io.jparallel.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller in a process of its own (with its engines), paused and killed: a client that
 * dies mid-flood costs it nothing, and a client whose controller dies is told so, in one line.
 */
@Timeout(240)
class ControllerFaultsTest {
  private static final Duration HANG = Duration.ofSeconds(120);

  private static void say(String figure) {
    System.out.println("[figure] " + figure);
  }

  @Test
  void aClientKilledMidFloodWhileTheControllerIsPausedCostsTheControllerNothing(@TempDir Path dir) throws Exception {
    Process cluster = Procs.java(ClusterMain.class, dir.resolve("cluster.log"), "flood-" + ProcessHandle.current().pid(),
        "2", "10000");
    Process flooder = null;
    try {
      Path clientFile = Path.of(Procs.awaitLine(cluster, "client-file"));
      flooder = Procs.java(FloodingClient.class, dir.resolve("flooder.log"), clientFile.toString());
      Procs.awaitLine(flooder, "flooding");
      Thread.sleep(1000); // replies on their way, requests unread
      Procs.signal(cluster.pid(), "STOP");
      try {
        Thread.sleep(500);
        Procs.signal(flooder.pid(), "KILL");
        assertThat(flooder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        Procs.signal(cluster.pid(), "CONT");
      }
      try (Client rc = Client.connect(clientFile)) {
        rc.waitForEngines(2, HANG);
        AsyncResult<Integer> ar = rc.loadBalanced().applyAsync(x -> x + 1, 41);
        assertThat(ar.get(HANG)).isEqualTo(42);
        assertThat(rc.direct(1).apply(() -> 7)).isEqualTo(7);
        long t0 = System.nanoTime();
        rc.shutdown(true);
        assertThat(cluster.waitFor(HANG.toSeconds(), TimeUnit.SECONDS)).as("the cluster stops when asked").isTrue();
        say("controller after a client died mid-flood while it was paused: served at once, stopped in "
            + (System.nanoTime() - t0) / 1_000_000 + " ms when asked");
      }
    } finally {
      Procs.kill(flooder);
      Procs.kill(cluster);
    }
  }

  @Test
  void aClientWhoseControllerIsKilledFailsItsWaitsSayingSo(@TempDir Path dir) throws Exception {
    Process cluster = Procs.java(ClusterMain.class, dir.resolve("cluster.log"), "killed-" + ProcessHandle.current().pid(),
        "1", "10000");
    try {
      Path clientFile = Path.of(Procs.awaitLine(cluster, "client-file"));
      try (Client rc = Client.connect(clientFile)) {
        rc.waitForEngines(1, HANG);
        List<ProcessHandle> engines = cluster.descendants().toList();
        AsyncResult<Object> waiting = rc.loadBalanced().applyAsync(() -> {
          Thread.sleep(120_000);
          return null;
        });
        Thread.sleep(300);
        long t0 = System.nanoTime();
        Procs.signal(cluster.pid(), "KILL");
        assertThatThrownBy(() -> waiting.get(HANG)).isInstanceOf(JParallelException.class)
            .hasMessageContaining("lost the controller").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        say("client wait failed " + (System.nanoTime() - t0) / 1_000_000 + " ms after its controller was SIGKILLed");
        long t1 = System.nanoTime();
        for (ProcessHandle e : engines) {
          e.onExit().get(HANG.toSeconds(), TimeUnit.SECONDS);
        }
        say("its engines exited " + (System.nanoTime() - t1) / 1_000_000 + " ms later");
      }
    } finally {
      Procs.kill(cluster);
    }
  }
}
