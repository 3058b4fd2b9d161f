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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * Every task the controller routes, from submission to its one reply: the live records, the
 * load-balanced {@link TaskQueue}, deadlines, completed records (for {@code after}) and the
 * replies kept for {@code result_request}. Every state transition of a task happens here.
 * Confined to the loop thread.
 */
final class TaskTracker {
  private static final Log LOG = Log.of("controller");
  /** Requests up to this size are kept for {@code rc.resubmit}: large arguments would double what large transfers hold. */
  static final int KEEP_REQUEST_MAX = 64 * 1024;

  private final ControllerSockets out;
  private final Engines engines;
  private final ClassDistributor classes;
  private final Map<String, TaskRecord> live = new HashMap<>();
  private final TaskQueue queue;
  private final PriorityQueue<TaskRecord> deadlines =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  private final LinkedHashMap<String, TaskRecord> finished;
  private final ResultStore results;
  /** Called when an engine cannot be reached: the registry declares it dead. */
  private BiConsumer<EngineState, String> unreachable = (e, why) -> { };
  /** Told every transition: the task records and the monitor feed. */
  private ControllerEvents events = ControllerEvents.NONE;

  TaskTracker(ControllerOptions options, ControllerSockets out, Engines engines, ClassDistributor classes) {
    this.out = out;
    this.engines = engines;
    this.classes = classes;
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

  void onUnreachable(BiConsumer<EngineState, String> handler) {
    this.unreachable = handler;
  }

  void onEvents(ControllerEvents listener) {
    this.events = listener;
  }

  // ---- submission ------------------------------------------------------------------------

  void submit(TaskRecord r) {
    if (live.putIfAbsent(r.msgId, r) != null) {
      LOG.warn("duplicate task id " + r.msgId + " dropped");
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
    if (r.target != null) {
      EngineState e = engines.byId(r.target);
      if (e == null) {
        fail(r, "EngineDiedException", "engine " + r.target + " is not registered (engines: " + engines.ids() + ")");
      } else {
        assign(r, e);
      }
    } else {
      queue.add(r, this::state);
    }
  }

  /** Aborts tasks: queued ones are answered here, running ones are told to their engines. */
  ArrayNode abort(JsonNode msgIds) {
    ArrayNode aborted = Json.array();
    Map<EngineState, ArrayNode> perEngine = new HashMap<>();
    for (JsonNode idNode : msgIds) {
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
      out.toEngine(e, out.session.message(MsgType.ABORT_REQUEST, c));
    });
    return aborted;
  }

  // ---- replies ---------------------------------------------------------------------------

  /** A task reply from engine {@code e}. */
  void reply(EngineState e, Envelope env, String parent) throws BadMessageException {
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
      events.taskRequeued(r);
      return;
    }
    complete(r, status);
    deliver(r, env);
  }

  /** A finished task's reply to its client and its watchers, into the store, and to the listeners. */
  private void deliver(TaskRecord r, Envelope reply) {
    boolean delivered = out.toClient(reply.frames(List.of(r.client)));
    if (r.watchers != null) {
      for (byte[] w : r.watchers) {
        delivered |= out.toClient(reply.frames(List.of(w)));
      }
    }
    results.put(r.msgId, reply, r.kept, delivered);
    r.kept = null;
    events.taskFinished(r, reply);
  }

  /** Output of a running task, to its client. */
  void stream(Envelope env, String parent) {
    TaskRecord r = parent == null ? null : live.get(parent);
    if (r != null) {
      out.toClient(env.frames(List.of(r.client)));
      if (r.watchers != null) {
        r.watchers.forEach(w -> out.toClient(env.frames(List.of(w))));
      }
      events.taskOutput(r, env);
    }
  }

  /** Engine {@code e} is gone: its tasks are retried elsewhere or failed. */
  void engineLost(EngineState e, String why) {
    for (String msgId : e.outstanding) {
      TaskRecord r = live.get(msgId);
      if (r == null) {
        continue;
      }
      if (r.loadBalanced() && r.retriesLeft > 0 && r.request != null) {
        r.retriesLeft--;
        r.engineId = -1;
        queue.retry(r);
        events.taskRequeued(r);
      } else {
        fail(r, "EngineDiedException", "engine " + e.id + " died while running this task (" + why + ")");
      }
    }
    e.outstanding.clear();
  }

  // ---- scheduling ------------------------------------------------------------------------

  void dispatch() {
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
    String missing = classes.sendMissing(r.classes, e);
    if (missing != null) {
      fail(r, "ClassNotPushedException", "the task needs class " + missing + ", which its client never pushed");
      return;
    }
    if (!out.toEngine(r.request.frames(List.of(e.identity)))) {
      unreachable.accept(e, "its socket is gone");
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
    r.dispatchedUs = io.jparallel.controller.records.Micros.now();
    events.taskAssigned(r, e);
    if (r.loadBalanced()) {
      e.loadBalanced++;
    }
    e.lastAssigned = queue.nextStamp();
    if (!(r.loadBalanced() && r.retriesLeft > 0)) {
      r.request = null; // nothing will send it again: let the payload go
    }
  }

  /** Nanos of the soonest task deadline, or {@link Long#MAX_VALUE}. */
  long nextDeadline() {
    TaskRecord soonest = deadlines.peek();
    return soonest == null ? Long.MAX_VALUE : soonest.deadlineNanos;
  }

  void expireDeadlines(long now) {
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
          out.toEngine(e, out.session.message(MsgType.ABORT_REQUEST, c));
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
    ArrayNode pending = Json.array();
    ArrayNode missing = Json.array();
    for (JsonNode idNode : msgIds) {
      String id = idNode.asText();
      TaskRecord running = live.get(id);
      Envelope reply = running == null ? results.retrieve(id) : null;
      if (reply != null && out.toClient(reply.frames(List.of(client)))) {
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
    c.set("pending", pending);
    c.set("missing", missing);
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
    c.put("unassigned", queue.size());
    c.put("results_kept", results.count());
    c.put("result_bytes_kept", results.bytes());
    c.put("result_limit", results.limit());
  }
}
