package io.jparallel.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live engines by id and by socket identity, and the ids of engines that died recently,
 * kept for their replacements (direct tasks for them wait). Confined to the loop thread.
 */
final class Engines {
  private final TreeMap<Integer, EngineState> byId = new TreeMap<>();
  private final Map<String, EngineState> byIdentity = new HashMap<>();
  private final Map<Integer, Long> reserved = new HashMap<>();

  static String key(byte[] identity) {
    return new String(identity, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * The requested id when it is free; otherwise the lowest id neither taken nor kept for the
   * replacement of an engine that died (so an engine that registers again gets a new id).
   */
  int assignId(int requested, long now) {
    if (requested >= 0 && !byId.containsKey(requested)) {
      return requested;
    }
    int id = 0;
    while (byId.containsKey(id) || awaited(id, now)) {
      id++;
    }
    return id;
  }

  /** Keeps {@code id} for a replacement until {@code untilNanos}. */
  void reserve(int id, long untilNanos) {
    reserved.put(id, untilNanos);
  }

  /** Whether {@code id} is kept for the replacement of an engine that died. */
  boolean awaited(int id, long now) {
    Long until = reserved.get(id);
    return until != null && until - now > 0;
  }

  /** Forgets reservations that ran out. */
  void expireReservations(long now) {
    for (Iterator<Long> it = reserved.values().iterator(); it.hasNext(); ) {
      if (it.next() - now <= 0) {
        it.remove();
      }
    }
  }

  void add(EngineState e) {
    byId.put(e.id, e);
    byIdentity.put(key(e.identity), e);
    reserved.remove(e.id);
  }

  EngineState remove(int id) {
    EngineState e = byId.remove(id);
    if (e != null) {
      byIdentity.remove(key(e.identity));
    }
    return e;
  }

  EngineState byId(int id) {
    return byId.get(id);
  }

  EngineState byIdentity(byte[] identity) {
    return byIdentity.get(key(identity));
  }

  Collection<EngineState> all() {
    return byId.values();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  List<Integer> ids() {
    return new ArrayList<>(byId.keySet());
  }
}
