package io.jparallel.controller;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the controller knows of one registered engine. Confined to the controller's loop thread. */
final class EngineState {
  final int id;
  /** Task replies received from this engine: acknowledged to it after each one with large frames. */
  long repliesReceived;
  final byte[] identity;
  final long pid;
  final String hostname;
  /** Where it runs, as it told at registration: its address, its launcher, its batch job. */
  final String host;
  final String launcher;
  final String jobId;
  final Set<String> outstanding = new LinkedHashSet<>();
  final Set<String> classesSent = new HashSet<>();
  long lastSeenNanos;
  long lastAssigned;
  int loadBalanced;
  long completed;
  /** Moving average of how long this engine's tasks run, in microseconds (drives adaptive credit). */
  double runEwmaUs = TaskQueue.TARGET_QUEUED_US / 2.0;

  void ran(long runUs) {
    runEwmaUs += 0.2 * (Math.max(1, runUs) - runEwmaUs);
  }

  EngineState(int id, byte[] identity, long pid, String hostname, long now) {
    this(id, identity, pid, hostname, "", "", "", now);
  }

  EngineState(int id, byte[] identity, long pid, String hostname, String host, String launcher, String jobId, long now) {
    this.id = id;
    this.identity = identity;
    this.pid = pid;
    this.hostname = hostname;
    this.host = host;
    this.launcher = launcher;
    this.jobId = jobId;
    this.lastSeenNanos = now;
  }
}
