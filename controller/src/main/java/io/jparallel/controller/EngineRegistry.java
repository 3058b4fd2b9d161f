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
import io.jparallel.wire.Heart;
import io.jparallel.wire.Liveness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The engines: registration (a requested id when free, else the lowest id neither taken nor
 * kept for a dead engine's replacement), their liveness (a {@link HeartMonitor}; a local
 * engine's process exit at once), what they send, and their deaths, which it tells clients
 * and the {@link TaskTracker}. Confined to the loop thread.
 */
final class EngineRegistry {
  private static final Log LOG = Log.of("controller");

  private final ControllerOptions options;
  private final ControllerSockets out;
  private final TaskTracker tasks;
  private final Engines engines;
  private final HeartMonitor heart;
  private final JarDistributor jars;
  /** Told of engines joining and leaving: the monitor feed. */
  private ControllerEvents events = ControllerEvents.NONE;
  private final BiConsumer<Long, Integer> exitWatch;
  private final String hostname = Liveness.hostname();
  /** Identities told to register again recently, so a burst of late messages gets one notice. */
  private final Map<String, Long> toldAgain = new HashMap<>();
  /** Engine ids by the pid of a dead engine, for a launcher's later word on whether it restarts. */
  private final Map<Long, Integer> deadPids = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
      return size() > 1024;
    }
  };

  /**
   * @param exitWatch called (on any thread) with the pid and exit code when a local engine
   *     process ends; the loop passes it back to {@link #engineExited}
   * @param jars sends a new engine the session's jars right after its registration reply
   */
  EngineRegistry(ControllerOptions options, ControllerSockets out, Engines engines, TaskTracker tasks, Heart heart,
      BiConsumer<Long, Integer> exitWatch, JarDistributor jars) {
    this.options = options;
    this.jars = jars;
    this.out = out;
    this.engines = engines;
    this.tasks = tasks;
    this.heart = new HeartMonitor(options, heart);
    this.exitWatch = exitWatch;
  }

  int heartPort() {
    return heart.port();
  }

  void onEvents(ControllerEvents listener) {
    this.events = listener;
  }

  Engines engines() {
    return engines;
  }

  long nextCheck() {
    return heart.nextCheck();
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
      registerAgain(identity, type);
      return;
    }
    e.lastSeenNanos = System.nanoTime(); // any message is a sign of life
    if (MsgType.HEARTBEAT.equals(type)) {
      return;
    }
    String parent = env.parentMsgId();
    if (MsgType.STREAM.equals(type)) {
      tasks.stream(e, env, parent);
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
    LOG.bad("unknown-type", "unknown message type '" + type + "' from engine " + e.id + " dropped");
  }

  /**
   * A message from an engine that is not registered: one this controller declared dead while
   * it lived (a long pause). It is told to register again (it gets a new id; its tasks went
   * elsewhere or wait for its id's replacement) and its message is dropped.
   */
  private void registerAgain(byte[] identity, String type) {
    long now = System.nanoTime();
    String key = Engines.key(identity);
    Long last = toldAgain.get(key);
    if (last != null && now - last < 5_000_000_000L) {
      return;
    }
    if (toldAgain.size() > 1024) {
      toldAgain.clear();
    }
    toldAgain.put(key, now);
    LOG.bad("unregistered", "'" + type + "' from an engine that is not registered: told to register again");
    Message m = out.session.message(MsgType.REGISTER_AGAIN,
        Json.object().put("reason", "this controller declared the engine dead; register again"));
    out.toEngine(out.codec.encode(m.withIds(List.of(identity))));
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
    int requested = Json.intIn(m.content(), "requested_id", -1, -1, ClientRequests.MAX_ENGINE_ID);
    long now = System.nanoTime();
    int id = engines.assignId(requested, now);
    JsonNode c0 = m.content();
    long pid = Json.longIn(c0, "pid", -1, -1, Long.MAX_VALUE);
    String host = c0.path("hostname").asText("");
    EngineState e = new EngineState(id, identity, pid, host, c0.path("host").asText(""),
        c0.path("launcher").asText(""), c0.path("job_id").asText(""), now);
    engines.add(e);
    toldAgain.remove(Engines.key(identity));
    ObjectNode c = Json.object().put("status", "ok").put("id", id).put("heartbeat_ms", options.heartbeatMs())
        .put("heartbeat_timeout_ms", options.heartbeatTimeoutMs()).put("heart_port", heart.port())
        .put("cluster_id", options.clusterId());
    out.toEngine(e, out.session.reply(m, MsgType.REGISTRATION_REPLY, Json.object(), c, List.of(), List.of()));
    jars.registered(e, m.content().path("jars")); // before any task: the engine's socket keeps the order
    LOG.info("engine " + id + " registered (pid " + e.pid + ", " + host + (e.host.isEmpty() ? "" : " at " + e.host) + ")");
    out.notifyClients("registered", id, "", ids());
    if (pid > 0 && hostname.equals(host)) {
      // on this host its exit is seen at once
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().thenRun(() -> exitWatch.accept(pid, null)));
    }
    events.engineRegistered(e);
  }

  /** A launcher saw this engine go (its job ended, its ssh session closed); the pid guards against a successor. */
  void engineLost(int id, long pid, String why) {
    EngineState e = engines.byId(id);
    if (e != null && e.pid == pid) {
      engineDied(e, why);
    }
  }

  /**
   * The engine process with this pid ended ({@code code} null: seen by this controller, the
   * code unknown). A launcher's code other than {@link #RESTART_EXIT_CODE} means no engine
   * replaces it: direct tasks waiting for its id fail at once.
   */
  void engineExited(long pid, Integer code) {
    String why = "its process exited" + (code == null ? "" : " with code " + code);
    for (EngineState e : new ArrayList<>(engines.all())) {
      if (e.pid == pid) {
        engineDied(e, why);
      }
    }
    Integer id = deadPids.get(pid);
    if (code != null && code != RESTART_EXIT_CODE && id != null && engines.byId(id) == null) {
      engines.reserve(id, System.nanoTime()); // no replacement is coming
    }
  }

  /** The exit code of an engine that did not stop an aborted task: its launcher starts it again under its id. */
  static final int RESTART_EXIT_CODE = 75;

  void engineDied(EngineState e, String why) {
    if (engines.byId(e.id) != e) {
      return;
    }
    engines.remove(e.id);
    e.gone = true;
    if (e.pid > 0) {
      deadPids.put(e.pid, e.id);
    }
    if (e.toldToStop) {
      LOG.info("engine " + e.id + " stopped: " + why);
    } else {
      LOG.warn("engine " + e.id + " is gone: " + why);
    }
    out.notifyClients("unregistered", e.id, why, ids());
    tasks.engineLost(e, why);
    events.engineDied(e, why);
  }

  /** Tells every engine to exit (their going is then logged as expected). */
  void shutdownAll() {
    for (EngineState e : new ArrayList<>(engines.all())) {
      e.toldToStop = true;
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
