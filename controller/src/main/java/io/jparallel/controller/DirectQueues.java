package io.jparallel.controller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Direct tasks not yet sent, per target engine id, in submission order: they wait here for
 * their engine's credit, or for the replacement of an engine that died. Confined to the loop
 * thread.
 */
final class DirectQueues {
  private final Map<Integer, ArrayDeque<TaskRecord>> byTarget = new HashMap<>();

  void addLast(TaskRecord r) {
    byTarget.computeIfAbsent(r.target, k -> new ArrayDeque<>()).addLast(r);
  }

  /** Back to the front (a task taken out but not sent, or one a dead engine had not started). */
  void addFirst(TaskRecord r) {
    byTarget.computeIfAbsent(r.target, k -> new ArrayDeque<>()).addFirst(r);
  }

  void remove(TaskRecord r) {
    ArrayDeque<TaskRecord> q = byTarget.get(r.target);
    if (q != null) {
      q.remove(r);
    }
  }

  boolean isEmpty() {
    return byTarget.isEmpty();
  }

  /** The next task for engine {@code id}, or null. */
  TaskRecord poll(int id) {
    ArrayDeque<TaskRecord> q = byTarget.get(id);
    return q == null ? null : q.pollFirst();
  }

  boolean has(int id) {
    ArrayDeque<TaskRecord> q = byTarget.get(id);
    return q != null && !q.isEmpty();
  }

  /** Takes out every queue whose engine {@code gone} says will not come; drops empty queues. */
  Map<Integer, List<TaskRecord>> takeOrphans(java.util.function.IntPredicate gone) {
    Map<Integer, List<TaskRecord>> orphans = new HashMap<>();
    for (Iterator<Map.Entry<Integer, ArrayDeque<TaskRecord>>> it = byTarget.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, ArrayDeque<TaskRecord>> entry = it.next();
      if (entry.getValue().isEmpty()) {
        it.remove();
      } else if (gone.test(entry.getKey())) {
        orphans.put(entry.getKey(), new ArrayList<>(entry.getValue()));
        it.remove();
      }
    }
    return orphans;
  }

  int size() {
    int n = 0;
    for (ArrayDeque<TaskRecord> q : byTarget.values()) {
      n += q.size();
    }
    return n;
  }
}
