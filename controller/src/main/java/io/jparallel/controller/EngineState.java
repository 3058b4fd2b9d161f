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
  /** Told to exit (a shutdown): its going is expected, not a failure. */
  boolean toldToStop;
  /** It answered an aborted task it could not stop and exits to be restarted under its id. */
  boolean restarting;
  long completed;
  /**
   * Moving average of how long this engine's tasks run, in microseconds (drives adaptive
   * credit); NaN until its first task is answered, whose run time then stands alone.
   */
  double runEwmaUs = Double.NaN;
  /**
   * Moving average of a task's turnaround beyond the engine's own queue and run, in
   * microseconds: from the controller's dispatch to its reply's arrival, less the time from the
   * engine reading the task to its completion (each a difference on one clock, so no skew between
   * hosts). It is what the engine waits for a new task after one completes, which its credit
   * must cover; NaN until measured.
   */
  double turnaroundEwmaUs = Double.NaN;

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
    runEwmaUs = ewma(runEwmaUs, Math.max(1, runUs));
  }

  /**
   * A reply's turnaround ({@link #turnaroundEwmaUs}): the task left at {@code dispatchedUs} and
   * its reply arrived at {@code backUs} (controller clock); the engine read it at {@code inUs}
   * and completed it at {@code completedUs} (engine clock). Ignored when a stamp is missing or
   * the figures cannot be right (a clock stepped).
   */
  void turnedAround(long dispatchedUs, long backUs, long inUs, long completedUs) {
    if (dispatchedUs <= 0 || inUs <= 0 || completedUs < inUs) {
      return;
    }
    long us = (backUs - dispatchedUs) - (completedUs - inUs);
    if (us >= 0 && us < MAX_TURNAROUND_US) {
      turnaroundEwmaUs = ewma(turnaroundEwmaUs, us);
    }
  }

  /** Longer turnarounds are taken for a clock that stepped, not measured. */
  static final long MAX_TURNAROUND_US = 10_000_000;

  private static double ewma(double avg, long x) {
    return Double.isNaN(avg) ? x : avg + 0.2 * (x - avg);
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
