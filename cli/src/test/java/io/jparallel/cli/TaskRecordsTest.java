package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import io.jparallel.client.RemoteException;
import io.jparallel.client.TaskInfo;
import io.jparallel.client.TaskQuery;
import io.jparallel.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task records end to end: a daemon cluster records a labelled sweep in its SQLite file;
 * {@code jpar tasks} lists it, another client fetches results and resubmits, purge drops
 * records, and a controller restarted on the same profile still lists what it recorded.
 */
@Timeout(240)
class TaskRecordsTest {
  @TempDir
  Path home;

  private Jpar jpar;

  @AfterEach
  void stopWhatIsLeft() {
    jpar.stopWhatIsLeft("rec");
  }

  @Test
  void aLabelledSweepIsRecordedListedFetchedResubmittedPurgedAndSurvivesARestart() throws Exception {
    jpar = new Jpar(home);
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 tool is not installed (apt-get install sqlite3;"
        + " .ci/run does)");
    Jpar.Run start = jpar.run("cluster", "start", "--daemon", "-n", "2", "--cluster-id", "rec");
    assertThat(start.status()).as(start.toString()).isZero();
    Path clientFile = jpar.security().resolve("client-rec.json");
    Path db = home.resolve("profile_default").resolve("db").resolve("tasks-rec.sqlite");

    // a sweep of four, one of which fails, from a client that then goes away
    List<String> ids;
    String failing;
    try (Client rc = Client.connect(clientFile)) {
      AsyncResult<List<Integer>> sweep = rc.loadBalanced().label("sweep-3").mapAsync(x -> {
        System.out.println("x=" + x);
        return 12 / x;
      }, List.of(1, 2, 0, 4));
      assertThat(sweep.await(Duration.ofSeconds(60))).isTrue();
      assertThat(sweep.successful()).isFalse();
      ids = sweep.msgIds();
      failing = ids.get(2);
      rc.loadBalanced().label("other").apply(() -> 7);
    }

    Jpar.Run listed = jpar.run("tasks", "--label", "sweep-3", "--json");
    assertThat(listed.status()).as(listed.toString()).isZero();
    JsonNode records = Json.tree(listed.stdout().getBytes(StandardCharsets.UTF_8));
    assertThat(records).hasSize(4);
    Map<String, JsonNode> byId = new TreeMap<>();
    records.forEach(r -> byId.put(r.path("msg_id").asText(), r));
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      JsonNode r = byId.get(id);
      assertThat(r.path("label").asText()).isEqualTo("sweep-3");
      assertThat(r.path("kind").asText()).isEqualTo("apply");
      assertThat(r.path("engine").asInt(-1)).isIn(0, 1);
      assertThat(r.path("stamps").fieldNames()).toIterable()
          .containsSubsequence("submitted", "dispatched", "started", "completed", "received");
      assertThat(r.path("result_size").asLong()).isPositive();
    }
    JsonNode failed = byId.get(failing);
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("error").path("ename").asText()).isEqualTo("java.lang.ArithmeticException");
    assertThat(failed.path("error").path("traceback").toString()).contains("ArithmeticException");
    assertThat(failed.path("stdout").asText()).isEqualTo("x=0\n");
    assertThat(ids.stream().filter(id -> !id.equals(failing)).map(id -> byId.get(id).path("status").asText()))
        .containsOnly("done");

    Jpar.Run table = jpar.run("tasks", "--status", "failed");
    assertThat(table.stdout()).contains(failing).contains("sweep-3").contains("ArithmeticException")
        .contains("1 task (1 failed)");

    // another client, after the submitting one is gone: results by id, and a resubmission
    try (Client rc2 = Client.connect(clientFile)) {
      assertThat(rc2.result(ids.get(0)).get()).isEqualTo(12);
      assertThat(rc2.results(List.of(ids.get(1), ids.get(3))).get()).containsExactly(6, 3);
      assertThatThrownBy(() -> rc2.result(failing).get()).isInstanceOf(RemoteException.class)
          .hasMessageContaining("by zero");
      assertThatThrownBy(() -> rc2.result("no-such-task").get()).isInstanceOf(JParallelException.class)
          .hasMessageContaining("holds no result for task no-such-task");

      AsyncResult<List<Object>> again = rc2.resubmit(ids.get(1));
      assertThat(again.get(Duration.ofSeconds(30))).containsExactly(6);
      List<TaskInfo> redone = rc2.tasks(TaskQuery.all().msgIds(again.msgIds()));
      assertThat(redone).singleElement().satisfies(t -> {
        assertThat(t.resubmitOf()).isEqualTo(ids.get(1));
        assertThat(t.label()).isEqualTo("sweep-3");
        assertThat(t.status()).isEqualTo("done");
      });

      // the SQLite file, as sqlite3 reads it while the controller runs
      assertThat(sqlite(db, "PRAGMA journal_mode;")).isEqualTo("wal");
      assertThat(sqlite(db, "SELECT status, count(*) FROM tasks WHERE label = 'sweep-3' GROUP BY status ORDER BY status;"))
          .isEqualTo("done|4\nfailed|1");
      assertThat(sqlite(db, "SELECT ename FROM tasks WHERE msg_id = '" + failing + "';"))
          .isEqualTo("java.lang.ArithmeticException");

      // purge the failed one: its record and its result are gone
      assertThat(rc2.purge(TaskQuery.all().label("sweep-*").status("failed"))).isEqualTo(1);
      assertThat(rc2.tasks(TaskQuery.all().label("sweep-3"))).hasSize(4).allMatch(t -> t.status().equals("done"));
      assertThatThrownBy(() -> rc2.result(failing).get()).hasMessageContaining("holds no result");
      assertThat(sqlite(db, "SELECT count(*) FROM tasks WHERE msg_id = '" + failing + "';")).isEqualTo("0");

      // a task still running when the controller stops
      rc2.loadBalanced().label("cut-short").applyAsync(() -> {
        Thread.sleep(60_000);
        return 0;
      });
      waitForStatus(rc2, "cut-short", "running");
    }

    long controllerPid = io.jparallel.wire.ConnectionInfo.read(clientFile).pid();
    assertThat(jpar.run("cluster", "stop", "--cluster-id", "rec").status()).isZero();
    Jpar.waitGone(controllerPid);
    assertThat(jpar.run("cluster", "start", "--daemon", "-n", "1", "--cluster-id", "rec").status()).isZero();
    try (Client rc3 = Client.connect(clientFile)) {
      List<TaskInfo> before = rc3.tasks(TaskQuery.all().label("sweep-3"));
      assertThat(before).hasSize(4).extracting(TaskInfo::msgId).contains(ids.get(0), ids.get(1), ids.get(3));
      assertThat(rc3.tasks(TaskQuery.all().label("cut-short"))).singleElement()
          .satisfies(t -> assertThat(t.status()).isEqualTo("aborted"))
          .satisfies(t -> assertThat(t.evalue()).contains("controller stopped"));
      assertThatThrownBy(() -> rc3.result(ids.get(0)).get()).hasMessageContaining("before a controller restart");
    }
    assertThat(jpar.run("cluster", "stop", "--cluster-id", "rec").status()).isZero();
  }

  @Test
  void badQueriesAndNoRecordsAreOneClearLine() throws Exception {
    jpar = new Jpar(home);
    Jpar.Run noCluster = jpar.run("tasks");
    assertThat(noCluster.status()).isEqualTo(1);
    assertThat(noCluster.stderr().strip()).startsWith("jpar: no cluster is running").doesNotContain("\tat ");
    Jpar.Run badStatus = jpar.run("tasks", "--status", "finished");
    assertThat(badStatus.status()).isEqualTo(1);
    assertThat(badStatus.stderr().strip()).isEqualTo("jpar: unknown status 'finished': use one of pending, running, done,"
        + " failed, aborted");
    Jpar.Run badSince = jpar.run("tasks", "--since", "ten minutes");
    assertThat(badSince.stderr().strip()).startsWith("jpar: --since 'ten minutes' is neither");
    Jpar.Run badDb = jpar.run("cluster", "start", "--daemon", "--db", "mongodb", "--cluster-id", "recx");
    assertThat(badDb.status()).isEqualTo(1);
    assertThat(badDb.stderr().strip()).isEqualTo("jpar: unknown --db 'mongodb': use sqlite, memory or none");
    Jpar.Run badLimit = jpar.run("cluster", "start", "--daemon", "--result-limit", "lots", "--cluster-id", "recx");
    assertThat(badLimit.stderr().strip()).startsWith("jpar: --result-limit 'lots' is not a size");
  }

  private static void waitForStatus(Client rc, String label, String status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<TaskInfo> ts = rc.tasks(TaskQuery.all().label(label));
      if (!ts.isEmpty() && ts.get(0).status().equals(status)) {
        return;
      }
      assertThat(System.nanoTime()).as("task labelled " + label + " " + status).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** What the sqlite3 tool prints for {@code sql} on {@code db} (read-only, as another process). */
  private static String sqlite(Path db, String sql) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sqlite3", "-readonly", db.toString(), sql));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }
}
