package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.util.ArrayList;
import java.util.List;

/**
 * What clients ask of the controller: connection, class pushes, tasks (read from header and
 * metadata only), aborts, queue status, stored results, purges, launcher reports and shutdown.
 * Confined to the loop thread.
 */
final class ClientRequests {
  private static final Log LOG = Log.of("controller");

  private final ControllerOptions options;
  private final ControllerSockets out;
  private final EngineRegistry registry;
  private final TaskTracker tasks;
  private final ClassDistributor classes;
  private final Runnable stop;
  private TaskRecords records;
  private Monitor monitor;

  ClientRequests(ControllerOptions options, ControllerSockets out, EngineRegistry registry, TaskTracker tasks,
      ClassDistributor classes, Runnable stop) {
    this.options = options;
    this.out = out;
    this.registry = registry;
    this.tasks = tasks;
    this.classes = classes;
    this.stop = stop;
  }

  /** Answers task-record, resubmit and monitor requests with these. */
  void serve(TaskRecords taskRecords, Monitor feed) {
    this.records = taskRecords;
    this.monitor = feed;
  }

  void onMessage(Envelope env) throws BadMessageException {
    Header h = env.header();
    byte[] client = env.ids().get(0);
    String type = h.msgType();
    if (MsgType.isTaskRequest(type)) {
      tasks.submit(task(env, h, client));
      return;
    }
    Message m = env.message();
    switch (type) {
      case MsgType.CONNECT_REQUEST -> {
        out.addClient(client);
        ObjectNode c = Json.object();
        c.set("ids", registry.ids());
        c.put("heartbeat_ms", options.heartbeatMs());
        c.put("scheme", options.scheme().label());
        c.put("cluster_id", options.clusterId());
        out.replyTo(m, MsgType.CONNECT_REPLY, c);
      }
      case MsgType.CLASS_PUSH -> classes.push(m);
      case MsgType.ABORT_REQUEST -> {
        ObjectNode c = Json.object();
        c.set("msg_ids", tasks.abort(m.content().path("msg_ids")));
        out.replyTo(m, MsgType.ABORT_REPLY, c);
      }
      case MsgType.QUEUE_REQUEST -> out.replyTo(m, MsgType.QUEUE_REPLY, queueStatus());
      case MsgType.RESULT_REQUEST -> out.replyTo(m, MsgType.RESULT_REPLY, tasks.resend(m.content().path("msg_ids"), client));
      case MsgType.PURGE_REQUEST -> records.purge(m);
      case MsgType.TASKS_REQUEST -> records.query(m);
      case MsgType.RESUBMIT_REQUEST -> out.replyTo(m, MsgType.RESUBMIT_REPLY,
          Resubmission.resubmit(m.content().path("tasks"), client, tasks, out));
      case MsgType.MONITOR_REQUEST -> monitor.subscribe(m, client);
      case MsgType.ENGINE_EXITED -> registry.engineExited(m.content().path("pid").asLong(-1),
          m.content().path("exit_code").asInt(-1));
      case MsgType.SHUTDOWN_REQUEST -> {
        registry.shutdownAll();
        out.replyTo(m, MsgType.SHUTDOWN_REPLY, Json.object().put("status", "ok"));
        if (m.content().path("controller").asBoolean(false)) {
          stop.run();
        }
      }
      default -> LOG.warn("unknown message type '" + type + "' from a client dropped");
    }
  }

  /** A task's record, from its header and metadata (its content is the engine's business). */
  static TaskRecord task(Envelope env, Header h, byte[] client) throws BadMessageException {
    ObjectNode meta = env.metadata();
    Integer target = null;
    JsonNode targets = meta.get("targets");
    if (targets != null && targets.isArray() && !targets.isEmpty()) {
      target = targets.get(0).asInt();
    }
    long timeoutMs = meta.path("timeout_ms").asLong(0);
    long deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
    TaskRecord r = new TaskRecord(h.msgId(), h.msgType(), h, client, target, strings(meta.get("classes")),
        strings(meta.get("after")), meta.path("retries").asInt(0), deadline, env);
    JsonNode label = meta.get("label");
    r.label = label == null || !label.isTextual() ? null : label.asText();
    JsonNode again = meta.get("resubmit_of");
    r.resubmitOf = again == null || !again.isTextual() ? null : again.asText();
    return r;
  }

  private ObjectNode queueStatus() {
    ObjectNode c = Json.object();
    registry.status(c);
    tasks.status(c);
    records.status(c);
    c.put("classes", classes.size());
    return c;
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
