package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.controller.records.DbConfig;
import io.jparallel.controller.records.DbMode;
import io.jparallel.controller.records.Micros;
import io.jparallel.controller.records.RecordWriter;
import io.jparallel.controller.records.TaskChange;
import io.jparallel.controller.records.TaskFilter;
import io.jparallel.controller.records.TaskRow;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The controller's task records: every transition the {@link TaskTracker} tells becomes a
 * {@link TaskChange} for the {@link RecordWriter} (nothing here waits on SQLite), and
 * {@code tasks_request} and {@code purge_request} are answered from the writer's thread and
 * sent from the loop's. With {@code --db none} it records nothing and says so when asked.
 */
final class TaskRecords implements ControllerEvents, AutoCloseable {
  private final RecordWriter writer;
  private final Executor loop;
  private final ControllerSockets out;
  private final TaskTracker tasks;

  private TaskRecords(RecordWriter writer, Executor loop, ControllerSockets out, TaskTracker tasks) {
    this.writer = writer;
    this.loop = loop;
    this.out = out;
    this.tasks = tasks;
  }

  /** Opens the records {@code config} asks for; fails with a clear message when the file cannot be used. */
  static TaskRecords open(DbConfig config, Executor loop, ControllerSockets out, TaskTracker tasks) {
    if (config == null || config.mode() == DbMode.NONE) {
      return new TaskRecords(null, loop, out, tasks);
    }
    try {
      return new TaskRecords(RecordWriter.start(config), loop, out, tasks);
    } catch (SQLException | RuntimeException e) {
      throw new IllegalStateException("cannot open the task records (" + config + "): " + e.getMessage()
          + "; use --db memory or --db none", e);
    }
  }

  // ---- transitions (loop thread: copy and queue, never wait) ----------------------------

  @Override
  public void taskSubmitted(TaskRecord r) {
    if (writer != null) {
      writer.offer(new TaskChange.Submitted(r.msgId, kind(r.type), new String(r.client, StandardCharsets.UTF_8), r.label,
          r.target, r.submittedUs, r.resubmitOf));
    }
  }

  @Override
  public void taskAssigned(TaskRecord r, EngineState e) {
    if (writer != null) {
      writer.offer(new TaskChange.Assigned(r.msgId, e.id, r.dispatchedUs));
    }
  }

  @Override
  public void taskRequeued(TaskRecord r) {
    if (writer != null) {
      writer.offer(new TaskChange.Requeued(r.msgId));
    }
  }

  @Override
  public void taskOutput(TaskRecord r, Envelope stream) {
    if (writer != null) {
      writer.offer(new TaskChange.Output(r.msgId, stream));
    }
  }

  @Override
  public void taskFinished(TaskRecord r, Envelope reply) {
    if (writer == null) {
      return;
    }
    ObjectNode meta;
    try {
      meta = reply.metadata();
    } catch (BadMessageException e) {
      meta = null;
    }
    writer.offer(new TaskChange.Finished(r.msgId, r.status, r.engineId, meta, Micros.now(), reply.size(),
        "ok".equals(r.status) ? null : reply));
  }

  static String kind(String requestType) {
    return requestType.endsWith("_request") ? requestType.substring(0, requestType.length() - "_request".length())
        : requestType;
  }

  // ---- requests --------------------------------------------------------------------------

  /** {@code tasks_request}: the matching records, answered once the writer has them. */
  void query(Message m) {
    if (writer == null) {
      out.replyTo(m, MsgType.TASKS_REPLY, noRecords());
      return;
    }
    TaskFilter f;
    try {
      f = TaskFilter.fromJson(m.content());
    } catch (IllegalArgumentException e) {
      out.replyTo(m, MsgType.TASKS_REPLY, error("BadQuery", e.getMessage()));
      return;
    }
    writer.query(f, rows -> {
      ObjectNode c = Json.object().put("status", "ok").put("dropped", writer.dropped());
      ArrayNode list = c.putArray("tasks");
      for (TaskRow row : rows) {
        list.add(row.toJson());
      }
      c.put("truncated", rows.size() >= f.limit());
      loop.execute(() -> out.replyTo(m, MsgType.TASKS_REPLY, c));
    }, why -> loop.execute(() -> out.replyTo(m, MsgType.TASKS_REPLY, error("RecordsError", why))));
  }

  /**
   * {@code purge_request {all} | {msg_ids} | {query}}: drops the finished tasks' results and
   * records (tasks still pending or running are left alone).
   */
  void purge(Message m) {
    JsonNode c = m.content();
    if (c.has("query")) {
      if (writer == null) {
        out.replyTo(m, MsgType.PURGE_REPLY, noRecords());
        return;
      }
      TaskFilter f;
      try {
        f = TaskFilter.fromJson(c.get("query"));
      } catch (IllegalArgumentException e) {
        out.replyTo(m, MsgType.PURGE_REPLY, error("BadQuery", e.getMessage()));
        return;
      }
      TaskFilter unlimited = new TaskFilter(f.statuses(), f.label(), f.engine(), f.sinceUs(), f.untilUs(), f.msgIds(),
          Integer.MAX_VALUE);
      writer.delete(unlimited, ids -> loop.execute(() -> {
        int results = tasks.purge(ids);
        out.replyTo(m, MsgType.PURGE_REPLY, purged(ids.size(), results));
      }), why -> loop.execute(() -> out.replyTo(m, MsgType.PURGE_REPLY, error("RecordsError", why))));
      return;
    }
    int results = tasks.purge(c);
    if (writer == null) {
      out.replyTo(m, MsgType.PURGE_REPLY, purged(0, results));
      return;
    }
    TaskFilter f;
    if (c.path("all").asBoolean(false)) {
      f = TaskFilter.ALL;
    } else {
      List<String> ids = new ArrayList<>();
      c.path("msg_ids").forEach(n -> ids.add(n.asText()));
      if (ids.isEmpty()) {
        out.replyTo(m, MsgType.PURGE_REPLY, purged(0, results));
        return;
      }
      f = new TaskFilter(List.of(), null, null, 0, 0, ids, Integer.MAX_VALUE);
    }
    writer.delete(f, ids -> loop.execute(() -> out.replyTo(m, MsgType.PURGE_REPLY, purged(ids.size(), results))),
        why -> loop.execute(() -> out.replyTo(m, MsgType.PURGE_REPLY, error("RecordsError", why))));
  }

  private static ObjectNode purged(int records, int results) {
    return Json.object().put("status", "ok").put("purged", Math.max(records, results)).put("records", records)
        .put("results", results);
  }

  private static ObjectNode noRecords() {
    return error("NoTaskRecords", "the controller keeps no task records (it runs with --db none)");
  }

  private static ObjectNode error(String ename, String evalue) {
    return Json.object().put("status", "error").put("ename", ename).put("evalue", evalue);
  }

  /** The records' part of {@code queue_reply}. */
  void status(ObjectNode c) {
    c.put("db", writer == null ? "none" : writer.config().toString());
    if (writer != null) {
      c.put("records_queued", writer.queued()).put("records_dropped", writer.dropped());
    }
  }

  /** Writes what is queued and closes the database. */
  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}
