package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.BufferPool;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.util.ArrayList;
import java.util.List;

/**
 * The engines: registration (ids 0..n-1, a requested id when free), their liveness (with a
 * {@link HeartMonitor}), what they send, and their deaths, which it tells clients and the
 * {@link TaskTracker}. Confined to the loop thread.
 */
final class EngineRegistry {
  private static final Log LOG = Log.of("controller");

  private final ControllerOptions options;
  private final ControllerSockets out;
  private final TaskTracker tasks;
  private final Engines engines;
  private final HeartMonitor heart;
  /** Told of engines joining and leaving: the monitor feed. */
  private ControllerEvents events = ControllerEvents.NONE;

  EngineRegistry(ControllerOptions options, ControllerSockets out, Engines engines, TaskTracker tasks) {
    this.options = options;
    this.out = out;
    this.engines = engines;
    this.tasks = tasks;
    this.heart = new HeartMonitor(options, out);
  }

  void onEvents(ControllerEvents listener) {
    this.events = listener;
  }

  Engines engines() {
    return engines;
  }

  long nextBeat() {
    return heart.nextBeat();
  }

  void tick(long now) {
    heart.tick(now, engines, this::engineDied);
  }

  void onMessage(Envelope env) throws BadMessageException {
    Header h = env.header();
    byte[] identity = env.ids().get(0);
    String type = h.msgType();
    if (MsgType.REGISTRATION_REQUEST.equals(type)) {
      register(env.message(), identity);
      return;
    }
    EngineState e = engines.byIdentity(identity);
    if (e == null) {
      LOG.warn("message '" + type + "' from an unregistered engine dropped");
      return;
    }
    e.lastSeenNanos = System.nanoTime();
    if (MsgType.HEARTBEAT.equals(type)) {
      return;
    }
    String parent = env.parentMsgId();
    if (MsgType.STREAM.equals(type)) {
      tasks.stream(env, parent);
      return;
    }
    if (MsgType.isTaskReply(type)) {
      e.repliesReceived++;
      if (env.largestRawFrame() >= BufferPool.MIN_SIZE) {
        // the engine sent it from pooled buffers: all of it is here, they may be reused
        out.toEngine(e, out.session.message(MsgType.REPLY_ACK, Json.object().put("count", e.repliesReceived)));
      }
      tasks.reply(e, env, parent);
      return;
    }
    LOG.warn("unknown message type '" + type + "' from engine " + e.id + " dropped");
  }

  private void register(Message m, byte[] identity) {
    EngineState existing = engines.byIdentity(identity);
    if (existing != null) {
      // the same engine process asking again (its first request or our reply was slow): same answer
      out.toEngine(existing, out.session.reply(m, MsgType.REGISTRATION_REPLY, Json.object(), Json.object()
          .put("status", "ok").put("id", existing.id).put("heartbeat_ms", options.heartbeatMs())
          .put("cluster_id", options.clusterId()), List.of(), List.of()));
      return;
    }
    int requested = m.content().path("requested_id").asInt(-1);
    int id = engines.assignId(requested);
    JsonNode c0 = m.content();
    EngineState e = new EngineState(id, identity, c0.path("pid").asLong(-1), c0.path("hostname").asText(""),
        c0.path("host").asText(""), c0.path("launcher").asText(""), c0.path("job_id").asText(""), System.nanoTime());
    engines.add(e);
    ObjectNode c = Json.object().put("status", "ok").put("id", id).put("heartbeat_ms", options.heartbeatMs())
        .put("cluster_id", options.clusterId());
    out.toEngine(e, out.session.reply(m, MsgType.REGISTRATION_REPLY, Json.object(), c, List.of(), List.of()));
    LOG.info("engine " + id + " registered (pid " + e.pid + (e.host.isEmpty() ? "" : " on " + e.host) + ")");
    out.notifyClients("registered", id, "", ids());
    events.engineRegistered(e);
  }

  /** A launcher saw this engine go; the pid guards against a successor under the same id. */
  void engineLost(int id, long pid, String why) {
    EngineState e = engines.byId(id);
    if (e != null && e.pid == pid) {
      engineDied(e, why);
    }
  }

  /** A launcher saw the engine process with this pid end. */
  void engineExited(long pid, int code) {
    for (EngineState e : new ArrayList<>(engines.all())) {
      if (e.pid == pid) {
        engineDied(e, "its process exited with code " + code);
      }
    }
  }

  void engineDied(EngineState e, String why) {
    if (engines.remove(e.id) == null) {
      return;
    }
    LOG.warn("engine " + e.id + " is gone: " + why);
    out.notifyClients("unregistered", e.id, why, ids());
    tasks.engineLost(e, why);
    events.engineDied(e, why);
  }

  /** Tells every engine to exit. */
  void shutdownAll() {
    for (EngineState e : new ArrayList<>(engines.all())) {
      out.toEngine(e, out.session.message(MsgType.SHUTDOWN_REQUEST, Json.object()));
    }
  }

  ArrayNode ids() {
    ArrayNode a = Json.array();
    engines.ids().forEach(a::add);
    return a;
  }

  /** The registry's part of {@code queue_reply}. */
  void status(ObjectNode c) {
    ObjectNode es = c.putObject("engines");
    for (EngineState e : engines.all()) {
      es.putObject(Integer.toString(e.id)).put("queue", e.outstanding.size()).put("completed", e.completed)
          .put("pid", e.pid).put("hostname", e.hostname).put("host", e.host).put("launcher", e.launcher)
          .put("job_id", e.jobId);
    }
  }
}
