package io.jparallel.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The live engines by id and by socket identity. Confined to the loop thread. */
final class Engines {
  private final TreeMap<Integer, EngineState> byId = new TreeMap<>();
  private final Map<String, EngineState> byIdentity = new HashMap<>();

  static String key(byte[] identity) {
    return new String(identity, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The requested id when it is free, otherwise the lowest free one. */
  int assignId(int requested) {
    if (requested >= 0 && !byId.containsKey(requested)) {
      return requested;
    }
    int id = 0;
    while (byId.containsKey(id)) {
      id++;
    }
    return id;
  }

  void add(EngineState e) {
    byId.put(e.id, e);
    byIdentity.put(key(e.identity), e);
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

  List<Integer> ids() {
    return new ArrayList<>(byId.keySet());
  }

  int size() {
    return byId.size();
  }
}
