package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.TaskTimes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * Every task the controller routes, from submission to its one reply: the live records, the
 * load-balanced {@link TaskQueue}, the direct tasks waiting for their engine's credit (or for
 * the replacement of an engine that died), deadlines, completed records (for {@code after})
 * and the replies kept for {@code result_request}. Every state transition of a task happens
 * here; retries have one rule ({@link #retryOrFail}). Confined to the loop thread.
 */
final class TaskTracker {
  private static final Log LOG = Log.of("controller");
  /** Requests up to this size are kept for {@code rc.resubmit}: large arguments would double what large transfers hold. */
  static final int KEEP_REQUEST_MAX = 64 * 1024;

  private final ControllerSockets out;
  private final Engines engines;
  private final ClassDistributor classes;
  private final long noEnginesNanos;
  private final Map<String, TaskRecord> live = new HashMap<>();
  private final TaskQueue queue;
  /** Direct tasks not yet sent, per target id, in submission order. */
  private final DirectQueues direct = new DirectQueues();
  private final PriorityQueue<TaskRecord> deadlines =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  /** Statuses of completed tasks by id (for {@code after}), the most recent {@code records}. */
  private final FinishedStatuses finished;
  private final ResultStore results;
  private long noEnginesSince;
  /** Called when an engine cannot be reached: the registry declares it dead. */
  private BiConsumer<EngineState, String> unreachable = (e, why) -> { };
  /** Told every transition: the task records and the monitor feed. */
  private ControllerEvents events = ControllerEvents.NONE;

  TaskTracker(ControllerOptions options, ControllerSockets out, Engines engines, ClassDistributor classes) {
    this.out = out;
    this.engines = engines;
    this.classes = classes;
    this.noEnginesNanos = options.noEnginesTimeoutMs() * 1_000_000L;
    this.queue = new TaskQueue(options.scheme(), options.hwm());
    this.results = new ResultStore(options.resultBytes());
    int limit = options.records();
    this.finished = new FinishedStatuses(limit);
  }

  void onUnreachable(BiConsumer<EngineState, String> handler) {
    this.unreachable = handler;
  }

  void onEvents(ControllerEvents listener) {
    this.events = listener;
  }

  /** How long direct tasks wait for the replacement of an engine that died. */
  long replacementWaitNanos() {
    return noEnginesNanos;
  }

  // ---- submission ------------------------------------------------------------------------

  void submit(TaskRecord r) {
    if (live.putIfAbsent(r.msgId, r) != null) {
      LOG.bad("duplicate", "duplicate task id " + r.msgId + " dropped");
      return;
    }
    if (r.deadlineNanos != 0) {
      deadlines.add(r);
    }
    if (results.keepsRequests() && r.request != null && !r.request.hasPooledFrames()
        && r.request.size() <= KEEP_REQUEST_MAX) {
      r.kept = r.request; // for rc.resubmit, once it is done
    }
    events.taskSubmitted(r);
    if (r.after.contains(r.msgId)) {
      fail(r, "DependencyFailedException", "task " + r.msgId + " depends on itself");
      return;
    }
    if (r.target != null) {
      if (engines.byId(r.target) == null && !engines.awaited(r.target, System.nanoTime())) {
        fail(r, "EngineDiedException", "engine " + r.target + " is not registered (engines: " + engines.ids() + ")");
      } else {
        direct.addLast(r);
      }
    } else {
      queue.add(r, this::state);
    }
  }

  /** A task the controller could not even read: answered with an error at once. */
  void reject(TaskRecord r, String why) {
    fail(r, "BadRequestException", why);
  }

  /** Aborts tasks: ones not yet sent are answered here, running ones are told to their engines. */
  ArrayNode abort(JsonNode msgIds) {
    ArrayNode aborted = Json.array();
    List<TaskRecord> found = new ArrayList<>();
    for (JsonNode idNode : msgIds) {
      TaskRecord r = live.get(idNode.asText());
      if (r != null) {
        aborted.add(r.msgId);
        found.add(r);
      }
    }
    stop(found, true);
    return aborted;
  }

  /** A client its replies cannot reach: its tasks not yet sent are dropped, its running ones aborted. */
  void clientGone(byte[] client) {
    List<TaskRecord> mine = new ArrayList<>();
    for (TaskRecord r : live.values()) {
      if (Arrays.equals(r.client, client)) {
        mine.add(r);
      }
    }
    stop(mine, false);
    if (!mine.isEmpty()) {
      LOG.warn("a client is gone: " + mine.size() + " of its tasks dropped or aborted");
    }
  }

  /**
   * Aborts tasks: ones not yet sent are taken back and answered (saying why: {@code answer}
   * means a client asked, else the client is gone); running
   * ones are marked aborted and their engines told, one {@code abort_request} per engine.
   */
  private void stop(List<TaskRecord> records, boolean answer) {
    Map<EngineState, ArrayNode> perEngine = new HashMap<>();
    for (TaskRecord r : records) {
      if (r.engineId < 0) {
        unqueue(r);
        // also when its client is gone: the record says aborted, and another client may ask
        finish(r, "aborted", "TaskAbortedException", answer ? "task " + r.msgId + " was aborted before it started"
            : "task " + r.msgId + " was dropped before it started: its client is gone");
      } else {
        r.abortRequested = true;
        EngineState e = engines.byId(r.engineId);
        if (e != null) {
          perEngine.computeIfAbsent(e, k -> Json.array()).add(r.msgId);
        }
      }
    }
    perEngine.forEach(this::sendAbort);
  }

  private void sendAbort(EngineState e, ArrayNode ids) {
    ObjectNode c = Json.object();
    c.set("msg_ids", ids);
    out.toEngine(e, out.session.message(MsgType.ABORT_REQUEST, c));
  }

  private void unqueue(TaskRecord r) {
    if (r.target == null) {
      queue.remove(r);
    } else {
      direct.remove(r);
    }
  }

  // ---- replies ---------------------------------------------------------------------------

  /** A task reply from engine {@code e}; only the incarnation that holds the task may answer it. */
  void reply(EngineState e, Envelope env, String parent) throws BadMessageException {
    long backUs = TaskTimes.now();
    if (parent == null || !e.release(parent)) {
      return; // timed out, aborted or failed over already: a late answer is not news
    }
    e.completed++;
    TaskRecord r = live.get(parent);
    if (r == null) {
      return;
    }
    ObjectNode meta = env.metadata();
    String status = meta.path("status").asText("ok");
    if (meta.path("restarting").asBoolean(false)) {
      e.restarting = true; // it exits to be restarted: none of the tasks it still holds had started
    }
    e.ran(Json.longIn(meta, "run_us", 1000, 0, Long.MAX_VALUE / 2));
    e.turnedAround(r.dispatchedUs, backUs, Json.longIn(meta, TaskTimes.ENGINE_IN, 0, 0, Long.MAX_VALUE),
        Json.longIn(meta, TaskTimes.COMPLETED, 0, 0, Long.MAX_VALUE));
    if (r.abortRequested) {
      finish(r, "aborted", "TaskAbortedException", "task " + r.msgId + " was aborted");
      return;
    }
    if ("error".equals(status) && r.loadBalanced() && r.retriesLeft > 0) {
      retry(r);
      return;
    }
    Envelope forwarded = r.hops ? withHops(r, env, meta, backUs) : env;
    complete(r, status);
    deliver(r, forwarded);
  }

  /**
   * The reply with the controller's stamps (arrival, dispatch, the reply's arrival) and the
   * client's added to its metadata, signed anew.
   */
  private Envelope withHops(TaskRecord r, Envelope env, ObjectNode meta, long backUs) throws BadMessageException {
    ObjectNode m = meta.deepCopy();
    m.put(TaskTimes.CONTROLLER_IN, r.submittedUs).put(TaskTimes.CONTROLLER_OUT, r.dispatchedUs)
        .put(TaskTimes.CONTROLLER_BACK, backUs);
    JsonNode sent = r.request == null ? null : r.request.metadata().get(TaskTimes.CLIENT_SENT);
    if (sent != null && sent.canConvertToLong()) {
      m.put(TaskTimes.CLIENT_SENT, sent.asLong());
    }
    return out.codec.withMetadata(env, m);
  }

  /** A finished task's reply to its client and its watchers, into the store, and to the listeners. */
  private void deliver(TaskRecord r, Envelope reply) {
    boolean delivered = out.queueToClient(r.client, reply.frames(List.of()));
    if (r.watchers != null) {
      for (byte[] w : r.watchers) {
        delivered |= out.queueToClient(w, reply.frames(List.of()));
      }
    }
    results.put(r.msgId, reply, r.kept, delivered);
    r.kept = null;
    events.taskFinished(r, reply);
  }

  /** Output of a running task, to its client. */
  void stream(EngineState e, Envelope env, String parent) {
    TaskRecord r = parent == null || !e.outstanding.containsKey(parent) ? null : live.get(parent);
    if (r != null) {
      out.queueToClient(r.client, env.frames(List.of()));
      if (r.watchers != null) {
        r.watchers.forEach(w -> out.queueToClient(w, env.frames(List.of())));
      }
      events.taskOutput(r, env);
    }
  }

  /**
   * Engine {@code e} is gone. The task it was running (the oldest it holds: it runs them in
   * order) fails or is retried elsewhere; the ones it had not started are not lost:
   * load-balanced ones go back to the front of the queue, direct ones wait for an engine that
   * registers under the same id.
   */
  void engineLost(EngineState e, String why) {
    List<TaskRecord> held = new ArrayList<>(e.outstanding.size());
    for (String msgId : e.outstanding.keySet()) {
      TaskRecord r = live.get(msgId);
      if (r != null) {
        held.add(r);
      }
    }
    e.releaseAll();
    engines.reserve(e.id, System.nanoTime() + noEnginesNanos);
    for (int i = held.size() - 1; i >= 0; i--) {
      TaskRecord r = held.get(i);
      r.engineId = -1;
      if (i == 0 && !e.restarting) {
        retryOrFail(r, "engine " + e.id + " died while running this task (" + why + ")");
      } else if (r.abortRequested) {
        finish(r, "aborted", "TaskAbortedException", "task " + r.msgId + " was aborted");
      } else {
        requeue(r);
      }
    }
    if (held.size() > 1) {
      LOG.info((held.size() - 1) + " task(s) engine " + e.id + " had not started are queued again");
    }
    if (!held.isEmpty()) {
      // should it only be paused, it must run none of them when it resumes: the queued ones
      // first (they are taken off its queue), then the running one (interrupted)
      ArrayNode ids = Json.array();
      for (int i = held.size() - 1; i >= 0; i--) {
        ids.add(held.get(i).msgId);
      }
      sendAbort(e, ids);
    }
  }

  /**
   * The one retry rule: a load-balanced task with retries left runs again elsewhere (its first
   * run, should it still be going on a paused engine, is aborted by {@link #engineLost}); any
   * other fails with {@code EngineDiedException}.
   */
  private void retryOrFail(TaskRecord r, String why) {
    if (r.abortRequested) {
      finish(r, "aborted", "TaskAbortedException", "task " + r.msgId + " was aborted");
    } else if (r.loadBalanced() && r.retriesLeft > 0) {
      retry(r);
    } else {
      fail(r, "EngineDiedException", why);
    }
  }

  /** A task not sent after all goes back where it waited. */
  private void requeue(TaskRecord r) {
    if (r.loadBalanced()) {
      queue.retry(r);
    } else {
      direct.addFirst(r);
    }
    events.taskRequeued(r);
  }

  private void retry(TaskRecord r) {
    r.retriesLeft--;
    r.engineId = -1;
    queue.retry(r);
    events.taskRequeued(r);
  }

  // ---- scheduling ------------------------------------------------------------------------

  /** Sends what engines have credit for: direct tasks first, then load-balanced ones. */
  void dispatch() {
    if (!direct.isEmpty()) {
      for (EngineState e : engines.all().toArray(new EngineState[0])) {
        while (!e.gone && direct.has(e.id) && queue.hasRoom(e)) {
          TaskRecord r = direct.poll(e.id);
          if (r.status == null) {
            assign(r, e); // may lose the engine: the loop ends, its tasks are queued again
          }
        }
      }
    }
    queue.dispatch(engines.all(), this::state, this::assign);
  }

  private TaskQueue.DepState state(String msgId) {
    if (live.containsKey(msgId)) {
      return TaskQueue.DepState.PENDING;
    }
    Boolean ok = finished.ok(msgId);
    if (ok == null) {
      return TaskQueue.DepState.UNKNOWN;
    }
    return ok ? TaskQueue.DepState.OK : TaskQueue.DepState.FAILED;
  }

  private void assign(TaskRecord r, EngineState e) {
    if (r.status != null) {
      return;
    }
    if (e.gone) {
      requeue(r);
      return;
    }
    if (r.dependencyError != null) {
      fail(r, "DependencyFailedException", r.dependencyError);
      return;
    }
    String missing = classes.sendMissing(r.classes, e);
    if (missing != null) {
      fail(r, "ClassNotPushedException", "the task needs class " + missing + ", which its client never pushed");
      return;
    }
    r.engineId = e.id;
    e.hold(r.msgId, r.request.size());
    r.dispatchedUs = io.jparallel.controller.records.Micros.now();
    events.taskAssigned(r, e);
    e.lastAssigned = queue.nextStamp();
    out.queueToEngine(e, r.request.frames(List.of())); // a send it cannot take: the engine is gone, its tasks requeued
  }

  // ---- timers ----------------------------------------------------------------------------

  /** Nanos of the soonest task deadline, or {@link Long#MAX_VALUE}. */
  long nextDeadline() {
    TaskRecord soonest = deadlines.peek();
    return soonest == null ? Long.MAX_VALUE : soonest.deadlineNanos;
  }

  void tick(long now) {
    expireDeadlines(now);
    expireWaits(now);
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
          e.release(r.msgId);
          ArrayNode ids = Json.array();
          ids.add(r.msgId);
          sendAbort(e, ids);
        }
      } else {
        unqueue(r);
      }
      fail(r, "TaskTimeoutException", "task did not finish within its timeout; it was stopped");
    }
  }

  /** Direct tasks whose engine did not come back, and load-balanced ones with no engine at all, fail. */
  private void expireWaits(long now) {
    engines.expireReservations(now);
    if (!direct.isEmpty()) {
      direct.takeOrphans(id -> engines.byId(id) == null && !engines.awaited(id, now)).forEach((id, orphans) -> {
        for (TaskRecord r : orphans) {
          fail(r, "EngineDiedException", "engine " + id + " died before running this task and no engine"
              + " replaced it within " + noEnginesNanos / 1_000_000_000L + " s");
        }
      });
    }
    if (!engines.isEmpty() || queue.size() == 0) {
      noEnginesSince = 0;
      return;
    }
    if (noEnginesSince == 0) {
      noEnginesSince = now;
    } else if (now - noEnginesSince > noEnginesNanos) {
      List<TaskRecord> waiting = queue.takeAll();
      LOG.warn("no engine for " + noEnginesNanos / 1_000_000_000L + " s: " + waiting.size() + " waiting task(s) fail");
      for (TaskRecord r : waiting) {
        fail(r, "EngineDiedException", "no engine was registered for " + noEnginesNanos / 1_000_000_000L
            + " s (--no-engines-timeout); the task did not run");
      }
      noEnginesSince = 0;
    }
  }

  // ---- completion ------------------------------------------------------------------------

  private void complete(TaskRecord r, String status) {
    live.remove(r.msgId);
    r.status = status;
    r.request = null;
    finished.put(r.msgId, status);
    queue.dependencyResolved();
  }

  /** Answers a task on the engine's behalf (it died, was aborted while queued, timed out). */
  void fail(TaskRecord r, String ename, String evalue) {
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
    Message reply = new Message(List.of(r.client), out.session.header(MsgType.replyTo(r.type)), r.header,
        meta, c, List.of(), List.of());
    try {
      deliver(r, out.codec.verify(out.codec.encode(reply)));
    } catch (BadMessageException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- stored replies --------------------------------------------------------------------

  /**
   * Re-sends stored replies to {@code client}, and has it sent the replies of tasks still
   * running when they come; the content of the {@code result_reply}.
   */
  ObjectNode resend(JsonNode msgIds, byte[] client) {
    ArrayNode found = Json.array();
    ArrayNode missing = Json.array();
    ArrayNode pending = Json.array();
    for (JsonNode idNode : msgIds) {
      String id = idNode.asText();
      TaskRecord running = live.get(id);
      Envelope reply = running == null ? results.retrieve(id) : null;
      if (reply != null && out.toClient(client, reply.frames(List.of(client)))) {
        found.add(id);
      } else if (running != null) {
        if (!Arrays.equals(running.client, client)) {
          if (running.watchers == null) {
            running.watchers = new ArrayList<>(1);
          }
          if (running.watchers.stream().noneMatch(w -> Arrays.equals(w, client))) {
            running.watchers.add(client);
          }
        }
        pending.add(id);
      } else {
        missing.add(id);
      }
    }
    ObjectNode c = Json.object();
    c.set("found", found);
    c.set("missing", missing);
    c.set("pending", pending);
    return c;
  }

  /** The kept request of a finished task (for {@code rc.resubmit}), or null. */
  Envelope keptRequest(String msgId) {
    return results.request(msgId);
  }

  boolean isLive(String msgId) {
    return live.containsKey(msgId);
  }

  /** Drops the stored replies and completed records of these (finished) tasks; returns how many replies. */
  int purge(Iterable<String> msgIds) {
    int purged = 0;
    for (String id : msgIds) {
      if (live.containsKey(id)) {
        continue;
      }
      if (results.remove(id)) {
        purged++;
      }
      finished.remove(id);
    }
    return purged;
  }

  /** Drops stored replies and records; returns how many replies were dropped. */
  int purge(JsonNode content) {
    int purged = 0;
    if (content.path("all").asBoolean(false)) {
      purged = results.count();
      results.clear();
      finished.clear();
    } else {
      List<String> ids = new ArrayList<>();
      content.path("msg_ids").forEach(n -> ids.add(n.asText()));
      purged = purge(ids);
    }
    return purged;
  }

  /** The tracker's part of {@code queue_reply}. */
  void status(ObjectNode c) {
    c.put("unassigned", queue.size() + direct.size());
    c.put("live", live.size());
    c.put("results_kept", results.count());
    c.put("result_bytes_kept", results.bytes());
    c.put("result_limit", results.limit());
  }
}
