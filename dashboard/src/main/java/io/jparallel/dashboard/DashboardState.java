package io.jparallel.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.client.EngineInfo;
import io.jparallel.client.MonitorUpdate;
import io.jparallel.client.TaskInfo;
import io.jparallel.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the dashboard shows, gathered from the controller's monitor feed: the engines (those
 * that died stay, marked dead, until one takes their id again), the recently finished tasks
 * (the task stream), tasks done per second, recent failures with their remote stack traces,
 * and where time goes per hop. Thread-safe: the feed updates it, page requests read it.
 */
final class DashboardState {
  static final int STREAM_KEPT = 3000;
  static final int FAILURES_KEPT = 50;
  static final int HOP_TASKS_KEPT = 200;
  static final int RATE_SECONDS = 300;

  /** One engine as the page shows it. */
  record EngineRow(int id, long pid, String host, String state, int running, int queued, long done,
      long lastHeartbeatMs, String why, Instant since) {}

  private final TreeMap<Integer, EngineRow> engines = new TreeMap<>();
  private final ArrayDeque<ObjectNode> stream = new ArrayDeque<>();
  private final ArrayDeque<ObjectNode> failures = new ArrayDeque<>();
  private final ArrayDeque<TaskInfo> hopTasks = new ArrayDeque<>();
  private final TreeMap<Long, Long> perSecond = new TreeMap<>();
  /** Tasks done by each engine process (id and pid) at the last update, for the rate. */
  private final Map<String, Long> lastDone = new HashMap<>();
  private long seq;
  private long done;
  private long failed;
  private long sampledOut;
  private int unassigned;
  private String connection = "connecting";
  private String detail = "";
  private String controller = "";

  synchronized void connected(String address) {
    connection = "connected";
    detail = "";
    controller = address;
  }

  synchronized void lost(String why) {
    connection = "lost";
    detail = why;
  }

  synchronized void update(MonitorUpdate u) {
    Instant now = u.at();
    for (MonitorUpdate.EngineChange c : u.changes()) {
      EngineRow old = engines.get(c.id());
      if ("dead".equals(c.state()) && old != null && old.pid() == c.pid()) {
        engines.put(c.id(), new EngineRow(c.id(), c.pid(), old.host(), "dead", 0, 0, old.done(), old.lastHeartbeatMs(),
            c.why(), c.at()));
      }
    }
    Set<Integer> seen = new HashSet<>();
    long second = now.getEpochSecond();
    for (EngineInfo e : u.engines()) {
      seen.add(e.id());
      EngineRow old = engines.get(e.id());
      boolean same = old != null && old.pid() == e.pid() && "up".equals(old.state());
      engines.put(e.id(), new EngineRow(e.id(), e.pid(), e.host(), "up", e.running(), e.queued(), e.done(),
          e.lastHeartbeatMs(), "", same ? old.since() : now));
      Long before = lastDone.put(e.id() + ":" + e.pid(), e.done());
      if (before != null && e.done() > before) {
        perSecond.merge(second, e.done() - before, Long::sum);
      }
    }
    for (Map.Entry<Integer, EngineRow> en : engines.entrySet()) {
      EngineRow r = en.getValue();
      if (!seen.contains(r.id()) && "up".equals(r.state())) {
        en.setValue(new EngineRow(r.id(), r.pid(), r.host(), "dead", 0, 0, r.done(), r.lastHeartbeatMs(),
            "no longer registered", now));
      }
    }
    perSecond.headMap(second - RATE_SECONDS).clear();
    unassigned = u.unassigned();
    sampledOut = u.sampledOut();
    for (TaskInfo t : u.finished()) {
      finished(t);
    }
  }

  private void finished(TaskInfo t) {
    seq++;
    boolean ok = "done".equals(t.status());
    if (ok) {
      done++;
    } else {
      failed++;
    }
    Instant t0 = t.started() != null ? t.started() : t.submitted();
    Instant t1 = t.completed() != null ? t.completed() : t.received();
    ObjectNode s = Json.object().put("seq", seq).put("id", t.msgId()).put("engine", t.engineId())
        .put("status", t.status()).put("label", t.label()).put("kind", t.kind());
    s.put("t0", t0 == null ? 0 : t0.toEpochMilli() + (t0.getNano() % 1_000_000) / 1e6);
    s.put("t1", t1 == null ? 0 : t1.toEpochMilli() + (t1.getNano() % 1_000_000) / 1e6);
    stream.addLast(s);
    while (stream.size() > STREAM_KEPT) {
      stream.removeFirst();
    }
    if (!ok) {
      ObjectNode f = Json.object().put("id", t.msgId()).put("engine", t.engineId()).put("label", t.label())
          .put("status", t.status()).put("ename", t.ename()).put("evalue", t.evalue())
          .put("at", t.received() == null ? "" : t.received().toString());
      ArrayNode tb = f.putArray("traceback");
      t.traceback().forEach(tb::add);
      failures.addFirst(f);
      while (failures.size() > FAILURES_KEPT) {
        failures.removeLast();
      }
    }
    if (t.stamps().size() > 1) {
      hopTasks.addLast(t);
      while (hopTasks.size() > HOP_TASKS_KEPT) {
        hopTasks.removeFirst();
      }
    }
  }

  /** The engines now (for {@code %dashboard}'s inline snapshot). */
  synchronized List<EngineRow> engines() {
    return new ArrayList<>(engines.values());
  }

  /** Tasks done per second over the last {@code seconds} (a mean). */
  synchronized double rate(int seconds) {
    long now = Instant.now().getEpochSecond();
    long n = 0;
    for (long s = now - seconds; s < now; s++) {
      n += perSecond.getOrDefault(s, 0L);
    }
    return n / (double) seconds;
  }

  synchronized long done() {
    return done;
  }

  synchronized long failed() {
    return failed;
  }

  /** What the page needs, with the task stream after {@code afterSeq} (0: all that is kept). */
  synchronized ObjectNode json(long afterSeq) {
    ObjectNode o = Json.object().put("at", System.currentTimeMillis()).put("seq", seq);
    o.putObject("connection").put("state", connection).put("detail", detail).put("controller", controller);
    ArrayNode es = o.putArray("engines");
    for (EngineRow r : engines.values()) {
      es.addObject().put("id", r.id()).put("pid", r.pid()).put("host", r.host()).put("state", r.state())
          .put("running", r.running()).put("queued", r.queued()).put("done", r.done())
          .put("last_heartbeat_ms", r.lastHeartbeatMs()).put("why", r.why()).put("since", r.since().toEpochMilli());
    }
    o.put("unassigned", unassigned);
    o.putObject("totals").put("done", done).put("failed", failed).put("sampled_out", sampledOut);
    ArrayNode st = o.putArray("stream");
    for (Iterator<ObjectNode> it = stream.descendingIterator(); it.hasNext(); ) {
      ObjectNode s = it.next();
      if (s.path("seq").asLong() <= afterSeq) {
        break;
      }
      st.insert(0, s);
    }
    ArrayNode rate = o.putArray("rate");
    long now = Instant.now().getEpochSecond();
    for (long s = now - RATE_SECONDS; s <= now; s++) {
      rate.addArray().add(s).add(perSecond.getOrDefault(s, 0L));
    }
    ArrayNode fs = o.putArray("failures");
    failures.forEach(fs::add);
    o.set("hops", hops());
    return o;
  }

  /** Mean and median of each hop over the last tasks, and the hops of the last 20 tasks. */
  private ObjectNode hops() {
    Map<String, List<Double>> byHop = new LinkedHashMap<>();
    ArrayNode recent = Json.array();
    int i = 0;
    int skip = Math.max(0, hopTasks.size() - 20);
    for (TaskInfo t : hopTasks) {
      ObjectNode r = null;
      if (i++ >= skip) {
        r = recent.addObject().put("id", t.msgId()).put("engine", t.engineId()).put("status", t.status());
      }
      ArrayNode hs = r == null ? null : r.putArray("hops");
      for (TaskInfo.Hop h : t.hops()) {
        double ms = millis(h.duration());
        byHop.computeIfAbsent(h.label(), k -> new ArrayList<>()).add(ms);
        if (hs != null) {
          hs.addObject().put("hop", h.label()).put("ms", ms);
        }
      }
    }
    ObjectNode o = Json.object();
    ArrayNode order = o.putArray("order");
    ObjectNode mean = o.putObject("mean_ms");
    ObjectNode median = o.putObject("median_ms");
    byHop.forEach((name, values) -> {
      order.add(name);
      mean.put(name, values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(null);
      median.put(name, sorted.get(sorted.size() / 2));
    });
    o.put("tasks", hopTasks.size());
    o.set("recent", recent);
    ArrayNode stamps = o.putArray("stamp_order");
    TaskInfo.STAMP_ORDER.forEach(stamps::add);
    return o;
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
