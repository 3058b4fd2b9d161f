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
 * What clients ask of the controller: connection, class and jar pushes, tasks (read from header and
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
  private final JarDistributor jars;
  private final Runnable stop;
  private TaskRecords records;
  private Monitor monitor;

  ClientRequests(ControllerOptions options, ControllerSockets out, EngineRegistry registry, TaskTracker tasks,
      ClassDistributor classes, JarDistributor jars, Runnable stop) {
    this.options = options;
    this.out = out;
    this.registry = registry;
    this.tasks = tasks;
    this.classes = classes;
    this.jars = jars;
    this.stop = stop;
  }

  /** Most ids a task may depend on, classes it may need, ids an abort or result request may name. */
  static final int MAX_IDS = 100_000;
  /** Longest task timeout (30 days); a longer one is refused. */
  static final long MAX_TIMEOUT_MS = 30L * 24 * 3600 * 1000;
  static final int MAX_RETRIES = 1000;
  static final int MAX_ENGINE_ID = 1 << 20;

  /** Answers task-record, resubmit and monitor requests with these. */
  void serve(TaskRecords taskRecords, Monitor feed) {
    this.records = taskRecords;
    this.monitor = feed;
  }

  void onMessage(Envelope env) throws BadMessageException {
    Header h = env.header();
    byte[] client = env.ids().get(0);
    out.clientSeen(client);
    String type = h.msgType();
    if (MsgType.isTaskRequest(type)) {
      onTask(env, h, client);
      return;
    }
    Message m = env.message();
    switch (type) {
      case MsgType.CONNECT_REQUEST -> {
        out.addClient(client);
        ObjectNode c = Json.object();
        c.set("ids", registry.ids());
        c.put("heartbeat_ms", options.heartbeatMs());
        c.put("heartbeat_timeout_ms", options.heartbeatTimeoutMs());
        c.put("heart_port", registry.heartPort());
        c.put("scheme", options.scheme().label());
        c.put("cluster_id", options.clusterId());
        out.replyTo(m, MsgType.CONNECT_REPLY, c);
      }
      case MsgType.CLASS_PUSH -> classes.push(m);
      case MsgType.JAR_PUSH -> jars.push(m);
      case MsgType.ABORT_REQUEST -> {
        ObjectNode c = Json.object();
        c.set("msg_ids", tasks.abort(ids(m.content().path("msg_ids"))));
        out.replyTo(m, MsgType.ABORT_REPLY, c);
      }
      case MsgType.QUEUE_REQUEST -> out.replyTo(m, MsgType.QUEUE_REPLY, queueStatus());
      case MsgType.RESULT_REQUEST -> out.replyTo(m, MsgType.RESULT_REPLY,
          tasks.resend(ids(m.content().path("msg_ids")), client));
      case MsgType.PURGE_REQUEST -> records.purge(m);
      case MsgType.TASKS_REQUEST -> records.query(m);
      case MsgType.RESUBMIT_REQUEST -> out.replyTo(m, MsgType.RESUBMIT_REPLY,
          Resubmission.resubmit(ids(m.content().path("tasks")), client, tasks, out));
      case MsgType.MONITOR_REQUEST -> monitor.subscribe(m, client);
      case MsgType.ENGINE_EXITED -> registry.engineExited(Json.longIn(m.content(), "pid", -1, -1, Long.MAX_VALUE),
          Json.intIn(m.content(), "exit_code", -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case MsgType.SHUTDOWN_REQUEST -> {
        registry.shutdownAll();
        out.replyTo(m, MsgType.SHUTDOWN_REPLY, Json.object().put("status", "ok"));
        if (m.content().path("controller").asBoolean(false)) {
          stop.run();
        }
      }
      default -> LOG.bad("unknown-type", "unknown message type '" + type + "' from a client dropped");
    }
  }

  private static JsonNode ids(JsonNode array) throws BadMessageException {
    if (array.size() > MAX_IDS) {
      throw new BadMessageException("more than " + MAX_IDS + " message ids in one request");
    }
    return array;
  }

  /**
   * A task from a client: its record, or, when its metadata is unreadable or out of bounds, an
   * error answered at once.
   */
  private void onTask(Envelope env, Header h, byte[] client) {
    TaskRecord r;
    try {
      r = task(env, h, client);
    } catch (BadMessageException e) {
      LOG.bad("bad-task", "refused task " + h.msgId() + ": " + e.getMessage());
      tasks.reject(new TaskRecord(h.msgId(), h.msgType(), h, client, null, List.of(), List.of(), 0, 0, env),
          "the controller refused the task: " + e.getMessage());
      return;
    }
    tasks.submit(r);
  }

  /**
   * A task's record, from its header and metadata (its content is the engine's business);
   * every number is checked against its bounds.
   */
  static TaskRecord task(Envelope env, Header h, byte[] client) throws BadMessageException {
    ObjectNode meta = env.metadata();
    Integer target = null;
    JsonNode targets = meta.get("targets");
    if (targets != null && targets.isArray() && !targets.isEmpty()) {
      JsonNode t = targets.get(0);
      if (!t.canConvertToInt() || t.asInt() < 0 || t.asInt() > MAX_ENGINE_ID) {
        throw new BadMessageException("target " + t + " is not an engine id");
      }
      target = t.asInt();
    }
    long timeoutMs = meta.path("timeout_ms").asLong(0);
    if (!meta.path("timeout_ms").isMissingNode()
        && (!meta.get("timeout_ms").canConvertToLong() || timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS)) {
      throw new BadMessageException("timeout_ms " + meta.get("timeout_ms") + " is out of range (0 to "
          + MAX_TIMEOUT_MS + ")");
    }
    int retries = Json.intIn(meta, "retries", 0, 0, MAX_RETRIES);
    List<String> classList = strings(meta.get("classes"));
    List<String> after = strings(meta.get("after"));
    if (classList.size() > MAX_IDS || after.size() > MAX_IDS) {
      throw new BadMessageException("more than " + MAX_IDS + " classes or dependencies");
    }
    long deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
    TaskRecord r = new TaskRecord(h.msgId(), h.msgType(), h, client, target, classList, after, retries, deadline, env);
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
    c.put("jars", jars.size());
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
