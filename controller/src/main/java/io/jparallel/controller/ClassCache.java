package io.jparallel.controller;

import java.util.HashMap;
import java.util.Map;

/** Class files pushed by clients, by content hash, so each crosses to an engine once. */
final class ClassCache {
  record ClassFile(String name, String hash, byte[] bytes) {}

  private final Map<String, ClassFile> byHash = new HashMap<>();

  void put(ClassFile f) {
    byHash.putIfAbsent(f.hash(), f);
  }

  ClassFile get(String hash) {
    return byHash.get(hash);
  }

  int size() {
    return byHash.size();
  }
}
