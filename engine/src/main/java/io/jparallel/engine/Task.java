package io.jparallel.engine;

import io.jparallel.wire.Message;
import io.jparallel.wire.TaskTimes;
import java.util.concurrent.atomic.AtomicBoolean;

/** A task request on this engine and its state; exactly one reply is sent for it. */
final class Task {
  private final Message request;
  private final AtomicBoolean replied = new AtomicBoolean();
  private final AtomicBoolean abortRequested = new AtomicBoolean();
  private volatile TaskOutput output;
  /** When the request was read off the socket (epoch microseconds). */
  final long inUs = TaskTimes.now();

  Task(Message request) {
    this.request = request;
  }

  Message request() {
    return request;
  }

  String id() {
    return request.id();
  }

  String type() {
    return request.type();
  }

  /** True for the one caller that may send this task's reply. */
  boolean claimReply() {
    return replied.compareAndSet(false, true);
  }

  void requestAbort() {
    abortRequested.set(true);
  }

  boolean abortRequested() {
    return abortRequested.get();
  }

  TaskOutput output() {
    return output;
  }

  void output(TaskOutput out) {
    this.output = out;
  }
}
