package io.jparallel.controller.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Json;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.TaskTimes;
import io.jparallel.wire.WireCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The record writer on a real SQLite file: folding, queries, deletes, restarts, and a full queue. */
@Timeout(60)
class RecordWriterTest {
  @TempDir
  Path dir;

  private final WireCodec codec = new WireCodec(Signer.of("k"));
  private final MessageFactory engine = new MessageFactory("engine");

  private Envelope message(String type, ObjectNode content) throws BadMessageException {
    return codec.verify(codec.encode(engine.message(type, content).withIds(List.of(new byte[] {1}))));
  }

  private static List<TaskRow> query(RecordWriter w, TaskFilter f) throws Exception {
    CompletableFuture<List<TaskRow>> rows = new CompletableFuture<>();
    w.query(f, rows::complete, why -> rows.completeExceptionally(new AssertionError(why)));
    return rows.get(10, TimeUnit.SECONDS);
  }

  private static TaskFilter label(String l) {
    return new TaskFilter(List.of(), l, null, 0, 0, List.of(), 100);
  }

  @Test
  void aTasksChangesFoldIntoOneRecordWithItsOutputAndFailure() throws Exception {
    try (RecordWriter w = RecordWriter.start(DbConfig.sqlite(dir.resolve("t.sqlite")))) {
      long t0 = Micros.now();
      w.offer(new TaskChange.Submitted("a", "apply", "c1", "sweep", null, t0, null));
      w.offer(new TaskChange.Assigned("a", 1, t0 + 10));
      w.offer(new TaskChange.Output("a", message("stream", Json.object().put("name", "stdout").put("text", "hi\n"))));
      w.offer(new TaskChange.Output("a", message("stream", Json.object().put("name", "stderr").put("text", "oops\n"))));
      ObjectNode meta = Json.object().put("started", Instant.ofEpochSecond(100).toString())
          .put("completed", Instant.ofEpochSecond(101).toString());
      meta.putObject("stamps").put("engine_received", Instant.ofEpochSecond(99).toString());
      ObjectNode err = Json.object().put("status", "error").put("ename", "java.lang.ArithmeticException")
          .put("evalue", "/ by zero");
      err.putArray("traceback").add("java.lang.ArithmeticException: / by zero").add("\tat REPL.f(#1:1)");
      w.offer(new TaskChange.Finished("a", "error", 1, meta, t0 + 50, 321, message("apply_reply", err)));
      w.offer(new TaskChange.Submitted("b", "apply", "c1", "sweep", 0, t0 + 1, null));

      List<TaskRow> rows = query(w, label("sweep"));
      assertThat(rows).extracting(TaskRow::msgId).containsExactly("a", "b");
      TaskRow a = rows.get(0);
      assertThat(a.status()).isEqualTo("failed");
      assertThat(a.engine()).isEqualTo(1);
      assertThat(a.stdout()).isEqualTo("hi\n");
      assertThat(a.stderr()).isEqualTo("oops\n");
      assertThat(a.ename()).isEqualTo("java.lang.ArithmeticException");
      assertThat(a.traceback()).isEqualTo("java.lang.ArithmeticException: / by zero\n\tat REPL.f(#1:1)");
      assertThat(a.resultSize()).isEqualTo(321);
      assertThat(a.started()).isEqualTo(100_000_000L);
      assertThat(a.stampsJson().fieldNames()).toIterable()
          .containsExactly("submitted", "dispatched", "started", "completed", "received", "engine_received");
      assertThat(rows.get(1).status()).isEqualTo("pending");
      assertThat(rows.get(1).target()).isZero();

      // a later batch updates the stored row
      w.offer(new TaskChange.Assigned("b", 0, t0 + 5));
      w.offer(new TaskChange.Requeued("b"));
      assertThat(query(w, label("sweep")).get(1)).satisfies(b -> {
        assertThat(b.status()).isEqualTo("pending");
        assertThat(b.engine()).isNull();
      });
      w.offer(new TaskChange.Assigned("b", 1, t0 + 6));
      // an engine's reply carries its times as micros too: those are read, not the ISO text
      ObjectNode bMeta = Json.object().put(TaskTimes.STARTED, 200_000_007L).put(TaskTimes.COMPLETED, 200_000_009L)
          .put("started", Instant.ofEpochSecond(1).toString());
      w.offer(new TaskChange.Finished("b", "ok", 1, bMeta, t0 + 60, 10, null));
      assertThat(query(w, new TaskFilter(List.of("done"), "s*p", 1, t0, 0, List.of(), 10)))
          .singleElement().satisfies(b -> {
            assertThat(b.msgId()).isEqualTo("b");
            assertThat(b.started()).isEqualTo(200_000_007L);
            assertThat(b.completed()).isEqualTo(200_000_009L);
          });
      assertThat(query(w, new TaskFilter(List.of(), null, null, t0 + 1, 0, List.of(), 10)))
          .extracting(TaskRow::msgId).containsExactly("b");
    }
  }

  @Test
  void deletesTakeFinishedRecordsOnlyAndAReopenedFileAbortsWhatWasLeftRunning() throws Exception {
    Path file = dir.resolve("t.sqlite");
    try (RecordWriter w = RecordWriter.start(DbConfig.sqlite(file))) {
      for (String id : List.of("x", "y", "z")) {
        w.offer(new TaskChange.Submitted(id, "apply", "c", "L", null, Micros.now(), null));
      }
      w.offer(new TaskChange.Assigned("y", 0, Micros.now()));
      w.offer(new TaskChange.Finished("x", "ok", 0, Json.object(), Micros.now(), 1, null));
      CompletableFuture<List<String>> gone = new CompletableFuture<>();
      w.delete(label("L"), gone::complete, why -> gone.completeExceptionally(new AssertionError(why)));
      assertThat(gone.get(10, TimeUnit.SECONDS)).containsExactly("x");
    }
    try (RecordWriter w = RecordWriter.start(DbConfig.sqlite(file))) {
      assertThat(query(w, label("L"))).extracting(TaskRow::status).containsExactly("aborted", "aborted");
      assertThat(query(w, label("L")).get(0).evalue()).contains("controller stopped");
    }
  }

  @Test
  void aFullQueueDropsAndCountsChangesInsteadOfWaiting() throws Exception {
    try (RecordWriter w = RecordWriter.start(DbConfig.memory(), 8)) {
      CountDownLatch hold = new CountDownLatch(1);
      CountDownLatch holding = new CountDownLatch(1);
      w.query(label("none"), rows -> {
        holding.countDown();
        try {
          hold.await(); // the writer is stuck (a slow disk)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, why -> { });
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      int accepted = 0;
      for (int i = 0; i < 100; i++) {
        if (w.offer(new TaskChange.Submitted("t" + i, "apply", "c", "full", null, Micros.now(), null))) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(8);
      assertThat(w.dropped()).isEqualTo(92);
      hold.countDown();
      assertThat(query(w, label("full"))).hasSize(8);
    }
  }

  @Test
  void inMemoryRecordsKeepABoundedNumberOfRows() throws Exception {
    try (RecordWriter w = RecordWriter.start(new DbConfig(DbMode.MEMORY, null, 50))) {
      for (int i = 0; i < 300; i++) {
        String id = String.format("t%03d", i);
        w.offer(new TaskChange.Submitted(id, "apply", "c", "m", null, 1_000_000L + i, null));
        w.offer(new TaskChange.Finished(id, "ok", 0, Json.object(), 2_000_000L + i, 1, null));
        if (i % 20 == 0) {
          query(w, label("m")); // one batch at a time, as the loop would send them over time
        }
      }
      List<TaskRow> rows = query(w, label("m"));
      assertThat(rows.size()).isBetween(50, 60);
      assertThat(rows.get(rows.size() - 1).msgId()).isEqualTo("t299");
    }
  }
}
