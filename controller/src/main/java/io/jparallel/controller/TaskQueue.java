package io.jparallel.controller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The load-balanced scheduler: tasks not yet assigned, in submission order, and the choice
 * of engine by {@link Scheme}. Tasks whose {@code after} dependencies are still running wait
 * aside and join the queue when those finish ({@code after} applies to every scheme).
 * Confined to the loop thread.
 */
final class TaskQueue {
  enum DepState { PENDING, OK, FAILED, UNKNOWN }

  /**
   * Adaptive credit: an engine may hold about this much work (by its recent task run times),
   * plus enough to cover {@link #TURNAROUNDS_COVERED} of its turnarounds (what it waits for a
   * new task once one completes: {@link EngineState#turnaroundEwmaUs}), at least
   * {@link #MIN_CREDIT} and at most {@link #MAX_CREDIT} tasks. Long tasks get 2 slots, so
   * balance stays tight; tiny tasks get many, so the pipeline stays full: a direct view keeps
   * one engine busy only with enough of its tasks in flight to cover the round trip to it (at
   * most 256, one engine's echoes ran at 26-41k/s; at most 1024, 33-60k/s, 2026-12-04). Tasks
   * of a few milliseconds are where the turnaround counts: on this project's 2-core VM it is
   * often several ms under a map (wake-ups of idle threads; {@code rc.hopTimes} timelines), and
   * with 10 ms of work alone a map of 64 tasks of 1 ms on 4 engines went out 7-10 per engine, the
   * rest as replies came back, leaving engines idle between tasks. Measured (2026-12-07,
   * {@code jpar bench map}, medians of ten 1 ms maps per run, 7 runs each, alternated): overhead
   * 45-65% covering two turnarounds against 53-150% without; four or eight no better than two.
   */
  static final double TARGET_QUEUED_US = 10_000;
  static final double TURNAROUNDS_COVERED = 2;
  static final int MIN_CREDIT = 2;
  static final int MAX_CREDIT = 1024;
  /**
   * Slots of an engine none of whose tasks has been answered yet: enough that short tasks do
   * not wait a round trip each while the first run time is measured, few enough that long ones
   * still spread over the engines (least-load hands them out one per engine in turn).
   */
  static final int UNKNOWN_CREDIT = 4;

  private final Scheme scheme;
  private final int hwm;
  private final ArrayDeque<TaskRecord> ready = new ArrayDeque<>();
  private final List<TaskRecord> waiting = new ArrayList<>();
  private boolean waitingDirty;
  private long stamp;
  private int roundRobin;

  /** {@code hwm > 0}: a fixed number of slots per engine; 0: adaptive credit. */
  TaskQueue(Scheme scheme, int hwm) {
    this.scheme = scheme;
    this.hwm = Math.max(0, hwm);
  }

  /**
   * Whether {@code e} may take one more task: fewer than its credit, and (beyond its first)
   * fewer than {@link #MAX_HELD_BYTES} of requests held, so large tasks neither pile up in one
   * engine nor in the controller, which keeps each request until it is answered.
   */
  boolean hasRoom(EngineState e) {
    return e.outstanding.size() < credit(e) && (e.outstanding.isEmpty() || e.outstandingBytes < MAX_HELD_BYTES);
  }

  static final long MAX_HELD_BYTES = 64L << 20;

  int credit(EngineState e) {
    if (hwm > 0) {
      return hwm;
    }
    if (Double.isNaN(e.runEwmaUs)) {
      return UNKNOWN_CREDIT;
    }
    double turnaround = Double.isNaN(e.turnaroundEwmaUs) ? 0 : e.turnaroundEwmaUs;
    double c = Math.ceil((TARGET_QUEUED_US + TURNAROUNDS_COVERED * turnaround) / e.runEwmaUs);
    return (int) Math.max(MIN_CREDIT, Math.min(MAX_CREDIT, c));
  }

  void add(TaskRecord r, Function<String, DepState> deps) {
    if (!r.after.isEmpty() && !settle(r, deps)) {
      waiting.add(r);
    } else {
      ready.addLast(r);
    }
  }

  void retry(TaskRecord r) {
    ready.addFirst(r);
  }

  void remove(TaskRecord r) {
    if (!ready.remove(r)) {
      waiting.remove(r);
    }
  }

  void dependencyResolved() {
    waitingDirty = !waiting.isEmpty();
  }

  long nextStamp() {
    return ++stamp;
  }

  int size() {
    return ready.size() + waiting.size();
  }

  /** Takes every task out (no engine is left to run them). */
  List<TaskRecord> takeAll() {
    List<TaskRecord> all = new ArrayList<>(ready);
    all.addAll(waiting);
    ready.clear();
    waiting.clear();
    return all;
  }

  /** Hands ready tasks to engines with a free slot; {@code assign} sends them. */
  void dispatch(Collection<EngineState> engines, Function<String, DepState> deps,
      BiConsumer<TaskRecord, EngineState> assign) {
    if (waitingDirty) {
      waitingDirty = false;
      for (Iterator<TaskRecord> it = waiting.iterator(); it.hasNext(); ) {
        TaskRecord r = it.next();
        if (settle(r, deps)) {
          it.remove();
          ready.addLast(r);
        }
      }
    }
    if (ready.isEmpty() || engines.isEmpty()) {
      return;
    }
    List<EngineState> list = engines instanceof List<EngineState> l ? l : new ArrayList<>(engines);
    while (!ready.isEmpty()) {
      TaskRecord r = ready.peekFirst();
      if (r.status != null) {
        ready.pollFirst();
        continue;
      }
      EngineState e = r.dependencyError != null ? list.get(0) : pick(list);
      if (e == null) {
        return;
      }
      ready.pollFirst();
      assign.accept(r, e);
      if (e.gone) { // its connection broke while sending: it is no choice any more
        if (list == engines) {
          list = new ArrayList<>(engines);
        }
        list.remove(e);
        if (list.isEmpty()) {
          return;
        }
      }
    }
  }

  /** True when the task may run (or must fail: {@code dependencyError} set). */
  private static boolean settle(TaskRecord r, Function<String, DepState> deps) {
    for (String id : r.after) {
      switch (deps.apply(id)) {
        case PENDING:
          return false;
        case FAILED:
          r.dependencyError = "dependency " + id + " failed";
          return true;
        case UNKNOWN:
          r.dependencyError = "dependency " + id + " is not a known task";
          return true;
        default:
          break;
      }
    }
    return true;
  }

  private EngineState pick(List<EngineState> engines) {
    switch (scheme) {
      case PURE: {
        EngineState e = engines.get(Math.floorMod(roundRobin++, engines.size()));
        return e;
      }
      case RANDOM: {
        int free = 0;
        for (EngineState e : engines) {
          if (hasRoom(e)) {
            free++;
          }
        }
        if (free == 0) {
          return null;
        }
        int k = ThreadLocalRandom.current().nextInt(free);
        for (EngineState e : engines) {
          if (hasRoom(e) && k-- == 0) {
            return e;
          }
        }
        return null;
      }
      case LRU: {
        EngineState best = null;
        for (EngineState e : engines) {
          if (hasRoom(e) && (best == null || e.lastAssigned < best.lastAssigned)) {
            best = e;
          }
        }
        return best;
      }
      default: {
        EngineState best = null;
        for (EngineState e : engines) {
          int load = e.outstanding.size();
          if (!hasRoom(e)) {
            continue;
          }
          if (best == null || load < best.outstanding.size()
              || (load == best.outstanding.size() && e.lastAssigned < best.lastAssigned)) {
            best = e;
          }
        }
        return best;
      }
    }
  }
}
