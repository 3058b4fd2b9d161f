package io.jparallel.controller;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the controller knows of one registered engine. Confined to the controller's loop thread. */
final class EngineState {
  final int id;
  final byte[] identity;
  final long pid;
  final String hostname;
  final Set<String> outstanding = new LinkedHashSet<>();
  final Set<String> classesSent = new HashSet<>();
  long lastSeenNanos;
  long lastAssigned;
  int loadBalanced;
  long completed;

  EngineState(int id, byte[] identity, long pid, String hostname, long now) {
    this.id = id;
    this.identity = identity;
    this.pid = pid;
    this.hostname = hostname;
    this.lastSeenNanos = now;
  }
}
