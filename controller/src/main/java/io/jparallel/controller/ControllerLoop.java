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
import io.jparallel.wire.Session;
import io.jparallel.wire.SocketPoller;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The controller's event loop: one thread owns the client and engine sockets, drains every
 * readable message per wake-up, routes tasks on header and metadata only (content and
 * buffers are forwarded untouched), and keeps task state in memory: the hub and the
 * schedulers in one place, so no message is copied to a separate process.
 */
final class ControllerLoop {
  private static final Log LOG = Log.of("controller");
  private static final int DRAIN_LIMIT = 20_000;

  private final ControllerOptions options;
  private final ZMQ.Socket clientSocket;
  private final ZMQ.Socket engineSocket;
  private final SocketPoller poller;
  private final WireCodec codec;
  private final Session session = new Session("controller");
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();

  private final Engines engines = new Engines();
  private final Map<String, TaskRecord> live = new HashMap<>();
  private final TaskQueue queue;
  private final PriorityQueue<TaskRecord> deadlines =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  private final LinkedHashMap<String, TaskRecord> finished;
  private final ResultStore results;
  private final ClassCache classes = new ClassCache();
  private final Map<String, byte[]> clients = new LinkedHashMap<>();
  private volatile boolean running = true;
  private long nextHeartbeat;

  ControllerLoop(ControllerOptions options, ZMQ.Socket clientSocket, ZMQ.Socket engineSocket,
      WireCodec codec) {
    this.options = options;
    this.clientSocket = clientSocket;
    this.engineSocket = engineSocket;
    this.poller = new SocketPoller(clientSocket, engineSocket);
    this.codec = codec;
    this.queue = new TaskQueue(options.scheme(), options.hwm());
    this.results = new ResultStore(options.resultBytes());
    int limit = options.records();
    this.finished = new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TaskRecord> eldest) {
        return size() > limit;
      }
    };
  }

  /** Runs a command on the loop thread. */
  void submit(Runnable command) {
    commands.add(command);
    wakeUp();
  }

  void stop() {
    running = false;
    wakeUp();
  }

  private void wakeUp() {
    poller.wakeup();
  }

  void run() {
    try {
      loop();
    } finally {
      poller.close();
    }
  }

  private void loop() {
    long hbNanos = options.heartbeatMs() * 1_000_000L;
    nextHeartbeat = System.nanoTime() + hbNanos;
    while (running) {
      long now = System.nanoTime();
      long wait = Math.max(0, nextHeartbeat - now);
      TaskRecord soonest = deadlines.peek();
      if (soonest != null) {
        wait = Math.min(wait, Math.max(0, soonest.deadlineNanos - now));
      }
      poller.poll(Math.max(1, wait / 1_000_000L));
      Runnable c;
      while ((c = commands.poll()) != null) {
        c.run();
      }
      if (!running) {
        break;
      }
      // Drain both sockets on every wake-up: a receive that finds nothing costs little, and
      // the poller's edge-triggered readiness can be missed for messages that arrived early.
      drain(engineSocket, true);
      drain(clientSocket, false);
      dispatch();
      now = System.nanoTime();
      if (now >= nextHeartbeat) {
        heartbeat(now);
        nextHeartbeat = now + hbNanos;
      }
      expireDeadlines(now);
    }
  }

  private void drain(ZMQ.Socket socket, boolean fromEngines) {
    for (int i = 0; i < DRAIN_LIMIT; i++) {
      List<ByteBuffer> frames = Sockets.poll(socket);
      if (frames == null) {
        return;
      }
      try {
        Envelope env = codec.verify(frames);
        if (env.ids().isEmpty()) {
          throw new BadMessageException("no routing identity");
        }
        if (fromEngines) {
          onEngineMessage(env);
        } else {
          onClientMessage(env);
        }
      } catch (BadMessageException e) {
        LOG.warn("dropped a message from " + (fromEngines ? "an engine" : "a client") + ": " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("could not handle a message: " + e);
      }
    }
  }

  // ---- clients ---------------------------------------------------------------------------

  private void onClientMessage(Envelope env) throws BadMessageException {
    Header h = env.header();
    byte[] client = env.ids().get(0);
    String type = h.msgType();
    if (MsgType.isTaskRequest(type)) {
      onTask(env, h, client);
      return;
    }
    Message m = env.message();
    switch (type) {
      case MsgType.CONNECT_REQUEST -> {
        clients.put(Engines.key(client), client);
        ObjectNode c = Json.object();
        c.set("ids", ids());
        c.put("heartbeat_ms", options.heartbeatMs());
        c.put("scheme", options.scheme().label());
        c.put("cluster_id", options.clusterId());
        replyTo(m, MsgType.CONNECT_REPLY, c);
      }
      case MsgType.CLASS_PUSH -> {
        for (JsonNode cls : m.content().path("classes")) {
          int index = cls.path("s").asInt(-1);
          if (index < 0 || index >= m.signedBuffers()) {
            throw new BadMessageException("class_push names a missing buffer");
          }
          classes.put(new ClassCache.ClassFile(cls.path("name").asText(), cls.path("hash").asText(), m.buffers().get(index)));
        }
      }
      case MsgType.ABORT_REQUEST -> onAbort(m);
      case MsgType.QUEUE_REQUEST -> replyTo(m, MsgType.QUEUE_REPLY, queueStatus());
      case MsgType.RESULT_REQUEST -> onResultRequest(m, client);
      case MsgType.PURGE_REQUEST -> onPurge(m);
      case MsgType.ENGINE_EXITED -> onEngineExited(m);
      case MsgType.SHUTDOWN_REQUEST -> {
        for (EngineState e : new ArrayList<>(engines.all())) {
          sendToEngine(e, session.message(MsgType.SHUTDOWN_REQUEST, Json.object()));
        }
        replyTo(m, MsgType.SHUTDOWN_REPLY, Json.object().put("status", "ok"));
        if (m.content().path("controller").asBoolean(false)) {
          running = false;
        }
      }
      default -> LOG.warn("unknown message type '" + type + "' from a client dropped");
    }
  }

  private void onTask(Envelope env, Header h, byte[] client) throws BadMessageException {
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
    if (live.putIfAbsent(r.msgId, r) != null) {
      LOG.warn("duplicate task id " + r.msgId + " dropped");
      return;
    }
    if (deadline != 0) {
      deadlines.add(r);
    }
    if (target != null) {
      EngineState e = engines.byId(target);
      if (e == null) {
        fail(r, "EngineDiedException", "engine " + target + " is not registered (engines: " + engines.ids() + ")");
      } else {
        assign(r, e);
      }
    } else {
      queue.add(r, this::state);
    }
  }

  private void onAbort(Message m) {
    ArrayNode aborted = Json.array();
    Map<EngineState, ArrayNode> perEngine = new HashMap<>();
    for (JsonNode idNode : m.content().path("msg_ids")) {
      TaskRecord r = live.get(idNode.asText());
      if (r == null) {
        continue;
      }
      aborted.add(r.msgId);
      if (r.engineId < 0) {
        queue.remove(r);
        finish(r, "aborted", "TaskAbortedException", "task " + r.msgId + " was aborted before it started");
      } else {
        EngineState e = engines.byId(r.engineId);
        if (e != null) {
          perEngine.computeIfAbsent(e, k -> Json.array()).add(r.msgId);
        }
      }
    }
    perEngine.forEach((e, ids) -> {
      ObjectNode c = Json.object();
      c.set("msg_ids", ids);
      sendToEngine(e, session.message(MsgType.ABORT_REQUEST, c));
    });
    ObjectNode c = Json.object();
    c.set("msg_ids", aborted);
    replyTo(m, MsgType.ABORT_REPLY, c);
  }

  private void onResultRequest(Message m, byte[] client) {
    ArrayNode found = Json.array();
    ArrayNode missing = Json.array();
    for (JsonNode idNode : m.content().path("msg_ids")) {
      String id = idNode.asText();
      Envelope reply = results.get(id);
      if (reply != null && send(clientSocket, reply.frames(List.of(client)))) {
        found.add(id);
      } else {
        (live.containsKey(id) ? Json.array() : missing).add(id);
      }
    }
    ObjectNode c = Json.object();
    c.set("found", found);
    c.set("missing", missing);
    replyTo(m, MsgType.RESULT_REPLY, c);
  }

  private void onPurge(Message m) {
    int purged = 0;
    if (m.content().path("all").asBoolean(false)) {
      purged = results.count();
      results.clear();
      finished.clear();
    } else {
      for (JsonNode idNode : m.content().path("msg_ids")) {
        if (results.get(idNode.asText()) != null) {
          purged++;
        }
        results.remove(idNode.asText());
        finished.remove(idNode.asText());
      }
    }
    replyTo(m, MsgType.PURGE_REPLY, Json.object().put("status", "ok").put("purged", purged));
  }

  private void onEngineExited(Message m) {
    engineExited(m.content().path("pid").asLong(-1), m.content().path("exit_code").asInt(-1));
  }

  /** A launcher saw the engine process with this pid end. */
  void engineExited(long pid, int code) {
    for (EngineState e : new ArrayList<>(engines.all())) {
      if (e.pid == pid) {
        engineDied(e, "its process exited with code " + code);
      }
    }
  }

  /** A launcher saw this engine go (its job ended, its ssh session closed); pid guards against a successor. */
  void engineLost(int id, long pid, String why) {
    EngineState e = engines.byId(id);
    if (e != null && e.pid == pid) {
      engineDied(e, why);
    }
  }

  private ObjectNode queueStatus() {
    ObjectNode c = Json.object();
    ObjectNode es = c.putObject("engines");
    for (EngineState e : engines.all()) {
      es.putObject(Integer.toString(e.id)).put("queue", e.outstanding.size()).put("completed", e.completed)
          .put("pid", e.pid).put("hostname", e.hostname).put("host", e.host).put("launcher", e.launcher)
          .put("job_id", e.jobId);
    }
    c.put("unassigned", queue.size());
    c.put("results_kept", results.count());
    c.put("result_bytes_kept", results.bytes());
    c.put("classes", classes.size());
    return c;
  }

  // ---- engines ---------------------------------------------------------------------------

  private void onEngineMessage(Envelope env) throws BadMessageException {
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
      TaskRecord r = parent == null ? null : live.get(parent);
      if (r != null) {
        send(clientSocket, env.frames(List.of(r.client)));
      }
      return;
    }
    if (MsgType.isTaskReply(type)) {
      e.repliesReceived++;
      if (env.largestRawFrame() >= BufferPool.MIN_SIZE) {
        // the engine sent it from pooled buffers: all of it is here, they may be reused
        sendToEngine(e, session.message(MsgType.REPLY_ACK, Json.object().put("count", e.repliesReceived)));
      }
      onTaskReply(e, env, parent);
      return;
    }
    LOG.warn("unknown message type '" + type + "' from engine " + e.id + " dropped");
  }

  private void onTaskReply(EngineState e, Envelope env, String parent) throws BadMessageException {
    boolean wasLoadBalanced = false;
    if (parent != null && e.outstanding.remove(parent)) {
      e.completed++;
    }
    TaskRecord r = parent == null ? null : live.get(parent);
    if (r == null) {
      return; // timed out or failed over already; the engine's late answer is not news
    }
    if (r.loadBalanced()) {
      wasLoadBalanced = true;
      e.loadBalanced--;
    }
    ObjectNode meta = env.metadata();
    String status = meta.path("status").asText("ok");
    e.ran(meta.path("run_us").asLong(1000));
    if (wasLoadBalanced && "error".equals(status) && r.retriesLeft > 0 && r.request != null) {
      r.retriesLeft--;
      r.engineId = -1;
      queue.retry(r);
      return;
    }
    complete(r, status);
    results.put(r.msgId, env);
    send(clientSocket, env.frames(List.of(r.client)));
  }

  private void register(Message m, byte[] identity) {
    EngineState existing = engines.byIdentity(identity);
    if (existing != null) {
      // the same engine process asking again (its first request or our reply was slow): same answer
      sendToEngine(existing, session.reply(m, MsgType.REGISTRATION_REPLY, Json.object(), Json.object().put("status", "ok")
          .put("id", existing.id).put("heartbeat_ms", options.heartbeatMs()).put("cluster_id", options.clusterId()),
          List.of(), List.of()));
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
    sendToEngine(e, session.reply(m, MsgType.REGISTRATION_REPLY, Json.object(), c, List.of(), List.of()));
    LOG.info("engine " + id + " registered (pid " + e.pid + (e.host.isEmpty() ? "" : " on " + e.host) + ")");
    notifyClients("registered", id, "");
  }

  private void heartbeat(long now) {
    long limit = options.heartbeatMs() * 3_500_000L;
    for (EngineState e : new ArrayList<>(engines.all())) {
      if (now - e.lastSeenNanos > limit) {
        engineDied(e, "it missed 3 heartbeats");
      } else {
        sendToEngine(e, session.message(MsgType.HEARTBEAT, Json.object()));
      }
    }
  }

  private void engineDied(EngineState e, String why) {
    if (engines.remove(e.id) == null) {
      return;
    }
    LOG.warn("engine " + e.id + " is gone: " + why);
    notifyClients("unregistered", e.id, why);
    for (String msgId : e.outstanding) {
      TaskRecord r = live.get(msgId);
      if (r == null) {
        continue;
      }
      if (r.loadBalanced() && r.retriesLeft > 0 && r.request != null) {
        r.retriesLeft--;
        r.engineId = -1;
        queue.retry(r);
      } else {
        fail(r, "EngineDiedException", "engine " + e.id + " died while running this task (" + why + ")");
      }
    }
    e.outstanding.clear();
  }

  // ---- scheduling ------------------------------------------------------------------------

  private void dispatch() {
    queue.dispatch(engines.all(), this::state, this::assign);
  }

  private TaskQueue.DepState state(String msgId) {
    if (live.containsKey(msgId)) {
      return TaskQueue.DepState.PENDING;
    }
    TaskRecord done = finished.get(msgId);
    if (done == null) {
      return TaskQueue.DepState.UNKNOWN;
    }
    return "ok".equals(done.status) ? TaskQueue.DepState.OK : TaskQueue.DepState.FAILED;
  }

  private void assign(TaskRecord r, EngineState e) {
    if (r.status != null) {
      return;
    }
    if (r.dependencyError != null) {
      fail(r, "DependencyFailedException", r.dependencyError);
      return;
    }
    if (!sendClasses(r, e)) {
      return;
    }
    if (!send(engineSocket, r.request.frames(List.of(e.identity)))) {
      engineDied(e, "its socket is gone");
      if (live.containsKey(r.msgId) && r.engineId < 0) {
        if (r.loadBalanced()) {
          queue.retry(r);
        } else {
          fail(r, "EngineDiedException", "engine " + e.id + " is not reachable");
        }
      }
      return;
    }
    r.engineId = e.id;
    e.outstanding.add(r.msgId);
    if (r.loadBalanced()) {
      e.loadBalanced++;
    }
    e.lastAssigned = queue.nextStamp();
    if (!(r.loadBalanced() && r.retriesLeft > 0)) {
      r.request = null; // nothing will send it again: let the payload go
    }
  }

  private boolean sendClasses(TaskRecord r, EngineState e) {
    if (r.classes.isEmpty()) {
      return true;
    }
    List<ClassCache.ClassFile> missing = null;
    for (String hash : r.classes) {
      if (e.classesSent.contains(hash)) {
        continue;
      }
      ClassCache.ClassFile f = classes.get(hash);
      if (f == null) {
        fail(r, "ClassNotPushedException", "the task needs class " + hash + ", which its client never pushed");
        return false;
      }
      if (missing == null) {
        missing = new ArrayList<>();
      }
      missing.add(f);
    }
    if (missing == null) {
      return true;
    }
    ArrayNode list = Json.array();
    List<byte[]> buffers = new ArrayList<>();
    for (ClassCache.ClassFile f : missing) {
      list.addObject().put("name", f.name()).put("hash", f.hash()).put("s", buffers.size());
      buffers.add(f.bytes());
    }
    ObjectNode c = Json.object();
    c.set("classes", list);
    sendToEngine(e, session.message(MsgType.LOAD_CLASSES, Json.object(), c, buffers, List.of()));
    for (ClassCache.ClassFile f : missing) {
      e.classesSent.add(f.hash());
    }
    return true;
  }

  private void expireDeadlines(long now) {
    while (!deadlines.isEmpty() && deadlines.peek().deadlineNanos <= now) {
      TaskRecord r = deadlines.poll();
      if (r.status != null || !live.containsKey(r.msgId)) {
        continue;
      }
      if (r.engineId >= 0) {
        EngineState e = engines.byId(r.engineId);
        if (e != null) {
          ObjectNode c = Json.object();
          c.putArray("msg_ids").add(r.msgId);
          sendToEngine(e, session.message(MsgType.ABORT_REQUEST, c));
          if (r.loadBalanced()) {
            e.loadBalanced--;
          }
        }
      } else {
        queue.remove(r);
      }
      fail(r, "TaskTimeoutException", "task did not finish within its timeout; it was stopped");
    }
  }

  // ---- completion ------------------------------------------------------------------------

  private void complete(TaskRecord r, String status) {
    live.remove(r.msgId);
    r.status = status;
    r.request = null;
    finished.put(r.msgId, r);
    queue.dependencyResolved();
  }

  /** Answers a task on the engine's behalf (it died, was aborted while queued, timed out). */
  private void fail(TaskRecord r, String ename, String evalue) {
    finish(r, "error", ename, evalue);
  }

  private void finish(TaskRecord r, String status, String ename, String evalue) {
    if (r.status != null) {
      return;
    }
    complete(r, status);
    int engine = r.engineId >= 0 ? r.engineId : r.target != null ? r.target : -1;
    ObjectNode meta = Json.object().put("engine_id", engine).put("status", status);
    ObjectNode c = Json.object().put("status", status).put("ename", ename).put("evalue", evalue)
        .put("engine_id", engine);
    c.putArray("traceback");
    Message reply = new Message(List.of(r.client), session.header(MsgType.replyTo(r.type)), r.header,
        meta, c, List.of(), List.of());
    List<ByteBuffer> frames = codec.encode(reply);
    send(clientSocket, frames);
    try {
      results.put(r.msgId, codec.verify(frames));
    } catch (BadMessageException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- sending ---------------------------------------------------------------------------

  private void notifyClients(String event, int engineId, String reason) {
    ObjectNode c = Json.object().put("event", event).put("engine_id", engineId).put("reason", reason);
    c.set("ids", ids());
    Message note = session.message(MsgType.NOTIFICATION, c);
    for (Iterator<byte[]> it = clients.values().iterator(); it.hasNext(); ) {
      if (!send(clientSocket, codec.encode(note.withIds(List.of(it.next()))))) {
        it.remove();
      }
    }
  }

  private ArrayNode ids() {
    ArrayNode a = Json.array();
    engines.ids().forEach(a::add);
    return a;
  }

  private void replyTo(Message request, String type, ObjectNode content) {
    send(clientSocket, codec.encode(session.reply(request, type, Json.object(), content, List.of(), List.of())));
  }

  private void sendToEngine(EngineState e, Message m) {
    send(engineSocket, codec.encode(m.withIds(List.of(e.identity))));
  }

  private static boolean send(ZMQ.Socket socket, List<ByteBuffer> frames) {
    try {
      // never block the loop: a peer whose connection is going away (seen with clients that
      // close right after a request over CURVE) has an unwritable pipe, and a blocking send
      // to it waits for good; with no high-water mark only such a peer refuses a message
      return Sockets.send(socket, frames, ZMQ.DONTWAIT);
    } catch (ZMQException e) {
      return false; // unknown or vanished peer (ROUTER_MANDATORY)
    }
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
