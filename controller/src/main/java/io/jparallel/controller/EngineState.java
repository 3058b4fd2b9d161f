package io.jparallel.controller;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the controller knows of one registered engine (one incarnation: an engine that
 * registers again is a new state). Confined to the controller's loop thread.
 */
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
  /** Tasks sent to it and not answered, in the order sent (which is the order it runs them), with their sizes. */
  final Map<String, Integer> outstanding = new LinkedHashMap<>();
  /** Bytes of the requests in {@link #outstanding}: the controller keeps them until answered. */
  long outstandingBytes;
  final Set<String> classesSent = new HashSet<>();
  /** Jars this engine's host caches (its registration said so), by hash. */
  final Set<String> jarsCached = new HashSet<>();
  /** Jars this engine was told to load, by hash. */
  final Set<String> jarsSent = new HashSet<>();
  long lastSeenNanos;
  long lastAssigned;
  /** Declared dead: nothing more is sent to it. */
  boolean gone;
  /** It answered an aborted task it could not stop and exits to be restarted under its id. */
  boolean restarting;
  long completed;
  /** Moving average of how long this engine's tasks run, in microseconds (drives adaptive credit). */
  double runEwmaUs = TaskQueue.TARGET_QUEUED_US / 2.0;

  void hold(String msgId, int bytes) {
    outstanding.put(msgId, bytes);
    outstandingBytes += bytes;
  }

  /** True if it held the task (now released). */
  boolean release(String msgId) {
    Integer bytes = outstanding.remove(msgId);
    if (bytes == null) {
      return false;
    }
    outstandingBytes -= bytes;
    return true;
  }

  void releaseAll() {
    outstanding.clear();
    outstandingBytes = 0;
  }

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
