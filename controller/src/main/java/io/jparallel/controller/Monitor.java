package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.controller.records.Micros;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The monitor feed (what dashboards subscribe to with {@code monitor_request}): engines
 * joining and dying, and tasks finishing with their times and failures, gathered as the
 * {@link TaskTracker} and {@link EngineRegistry} tell them and sent every 250 ms as one
 * {@code monitor_event} with a snapshot of every engine (running, queued, done, last
 * heartbeat). At most 500 task events go per message; beyond that they are only counted
 * ({@code sampled_out}), so a flood of tiny tasks costs subscribers a bounded rate. Without
 * subscribers it does nothing. A subscription lapses after 30 s unless renewed, or when
 * the subscriber's socket refuses a message (a dashboard may be killed at any moment). Loop
 * thread only.
 */
final class Monitor implements ControllerEvents {
  static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  static final long EXPIRY_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final int MAX_TASKS_PER_FLUSH = 500;

  private final ControllerSockets out;
  private final Engines engines;
  private final TaskTracker tasks;
  private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
  private ArrayNode pending = Json.array();
  private int taskEvents;
  private long sampledOut;
  private long nextFlush = Long.MAX_VALUE;

  private record Subscriber(byte[] identity, long expires) {}

  Monitor(ControllerSockets out, Engines engines, TaskTracker tasks) {
    this.out = out;
    this.engines = engines;
    this.tasks = tasks;
  }

  /** {@code monitor_request}: subscribes or renews ({@code {stop: true}} ends it); answers with a snapshot. */
  void subscribe(Message m, byte[] identity) {
    String key = Engines.key(identity);
    if (m.content().path("stop").asBoolean(false)) {
      subscribers.remove(key);
      out.replyTo(m, MsgType.MONITOR_REPLY, Json.object().put("status", "ok"));
      return;
    }
    subscribers.put(key, new Subscriber(identity, System.nanoTime() + EXPIRY_NANOS));
    if (nextFlush == Long.MAX_VALUE) {
      nextFlush = System.nanoTime() + FLUSH_NANOS;
    }
    ObjectNode c = snapshot().put("status", "ok").put("interval_ms", TimeUnit.NANOSECONDS.toMillis(FLUSH_NANOS))
        .put("expires_ms", TimeUnit.NANOSECONDS.toMillis(EXPIRY_NANOS));
    if (!out.replyTo(m, MsgType.MONITOR_REPLY, c)) {
      subscribers.remove(key);
    }
  }

  long nextFlush() {
    return nextFlush;
  }

  /** Sends what gathered when a flush is due. */
  void tick(long now) {
    if (now < nextFlush) {
      return;
    }
    subscribers.values().removeIf(s -> s.expires() < now);
    if (subscribers.isEmpty()) {
      pending = Json.array();
      taskEvents = 0;
      nextFlush = Long.MAX_VALUE;
      return;
    }
    ObjectNode c = snapshot();
    c.set("events", pending);
    c.put("sampled_out", sampledOut);
    Message note = out.session.message(MsgType.MONITOR_EVENT, c);
    for (Iterator<Subscriber> it = subscribers.values().iterator(); it.hasNext(); ) {
      byte[] who = it.next().identity();
      if (!out.toClient(who, out.codec.encode(note.withIds(List.of(who))))) {
        it.remove();
      }
    }
    pending = Json.array();
    taskEvents = 0;
    nextFlush = now + FLUSH_NANOS;
  }

  /** Every engine now: id, pid, host, running, queued, done, milliseconds since it was last heard. */
  private ObjectNode snapshot() {
    long now = System.nanoTime();
    ObjectNode c = Json.object().put("at", Instant.now().toString());
    ArrayNode es = c.putArray("engines");
    for (EngineState e : engines.all()) {
      int outstanding = e.outstanding.size();
      es.addObject().put("id", e.id).put("pid", e.pid).put("host", e.hostname).put("state", "up")
          .put("running", Math.min(1, outstanding)).put("queued", Math.max(0, outstanding - 1)).put("done", e.completed)
          .put("last_heartbeat_ms", TimeUnit.NANOSECONDS.toMillis(now - e.lastSeenNanos));
    }
    ObjectNode status = Json.object();
    tasks.status(status);
    c.put("unassigned", status.path("unassigned").asInt());
    return c;
  }

  @Override
  public void taskFinished(TaskRecord r, Envelope reply) {
    if (subscribers.isEmpty()) {
      return;
    }
    if (taskEvents >= MAX_TASKS_PER_FLUSH) {
      sampledOut++;
      return;
    }
    taskEvents++;
    String status = "ok".equals(r.status) ? "done" : "aborted".equals(r.status) ? "aborted" : "failed";
    ObjectNode t = pending.addObject().put("t", "task").put("msg_id", r.msgId).put("kind", TaskRecords.kind(r.type))
        .put("engine", r.engineId).put("status", status).put("label", r.label);
    ObjectNode stamps = t.putObject("stamps");
    stamps.put("submitted", Micros.instant(r.submittedUs).toString());
    if (r.dispatchedUs > 0) {
      stamps.put("dispatched", Micros.instant(r.dispatchedUs).toString());
    }
    try {
      ObjectNode meta = reply.metadata();
      copy(meta, "started", stamps);
      copy(meta, "completed", stamps);
      JsonNode extra = meta.path("stamps");
      if (extra.isObject()) {
        extra.fields().forEachRemaining(e -> stamps.set(e.getKey(), e.getValue()));
      }
      stamps.put("received", Instant.now().toString());
      if (!"done".equals(status)) {
        ObjectNode c = reply.content();
        ObjectNode err = t.putObject("error").put("ename", c.path("ename").asText("Error"))
            .put("evalue", c.path("evalue").asText(""));
        err.set("traceback", c.path("traceback").isArray() ? c.get("traceback") : Json.array());
      }
    } catch (BadMessageException e) {
      // an unreadable reply still shows as finished
    }
  }

  private static void copy(ObjectNode from, String field, ObjectNode to) {
    JsonNode v = from.get(field);
    if (v != null && v.isTextual()) {
      to.set(field, v);
    }
  }

  @Override
  public void engineRegistered(EngineState e) {
    engineEvent(e, "up", "");
  }

  @Override
  public void engineDied(EngineState e, String why) {
    engineEvent(e, "dead", why);
  }

  private void engineEvent(EngineState e, String state, String why) {
    if (!subscribers.isEmpty()) {
      pending.addObject().put("t", "engine").put("id", e.id).put("pid", e.pid).put("host", e.hostname)
          .put("state", state).put("why", why).put("at", Instant.now().toString());
    }
  }
}
