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
  /** The request's frames, kept until its reply: a task its engine never started is sent again elsewhere. */
  Envelope request;
  int retriesLeft;
  int engineId = -1;
  String status;
  String dependencyError;
  /** Aborted while on an engine: whatever the engine answers, the task is aborted. */
  boolean abortRequested;

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
