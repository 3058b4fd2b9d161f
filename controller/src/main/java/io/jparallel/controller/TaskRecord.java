package io.jparallel.controller;

import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import java.util.List;

/** A task the controller routes: who sent it, where it went. Confined to the loop thread. */
final class TaskRecord {
  final String msgId;
  final String type;
  final Header header;
  final byte[] client;
  final Integer target;
  final List<String> classes;
  final List<String> after;
  final long deadlineNanos;
  /** When the controller received it (epoch microseconds). */
  final long submittedUs = io.jparallel.controller.records.Micros.now();
  /** The request's frames, kept until its reply: a task its engine never started is sent again elsewhere. */
  Envelope request;
  int retriesLeft;
  int engineId = -1;
  String status;
  String dependencyError;
  /** Aborted while on an engine: whatever the engine answers, the task is aborted. */
  boolean abortRequested;
  /** The task's label ({@code lv.label("sweep-3")}), or null. */
  String label;
  /** The task this one runs again ({@code rc.resubmit}), or null. */
  String resubmitOf;
  /** The request, kept for {@code rc.resubmit} once the task is done; null when not kept. */
  Envelope kept;
  /** When it was sent to its engine (epoch microseconds), 0 before. */
  long dispatchedUs;
  /** Other clients waiting for this task's reply ({@code rc.result} while it ran), or null. */
  List<byte[]> watchers;

  TaskRecord(String msgId, String type, Header header, byte[] client, Integer target, List<String> classes,
      List<String> after, int retries, long deadlineNanos, Envelope request) {
    this.msgId = msgId;
    this.type = type;
    this.header = header;
    this.client = client;
    this.target = target;
    this.classes = classes;
    this.after = after;
    this.retriesLeft = retries;
    this.deadlineNanos = deadlineNanos;
    this.request = request;
  }

  boolean loadBalanced() {
    return target == null;
  }
}
