package io.jparallel.controller.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Envelope;

/**
 * One transition of a task, as the controller's loop tells it to the {@link RecordWriter}:
 * small immutable values, built in a few nanoseconds, read on the writer's thread. Anything
 * that takes parsing (stream text, a failure's content) travels unparsed and is read there.
 */
public sealed interface TaskChange {
  String msgId();

  /** A client sent the task (status pending). */
  record Submitted(String msgId, String kind, String client, String label, Integer target, long submittedUs,
      String resubmitOf) implements TaskChange {}

  /** The task went to an engine (status running). */
  record Assigned(String msgId, int engine, long atUs) implements TaskChange {}

  /** The task waits again for an engine (a retry, or its engine died before it ran). */
  record Requeued(String msgId) implements TaskChange {}

  /** Output of the running task: a {@code stream} message, parsed by the writer. */
  record Output(String msgId, Envelope stream) implements TaskChange {}

  /**
   * The task's one reply is in.
   *
   * @param status the reply's status: ok, error or aborted
   * @param metadata the reply's metadata (engine times: started, completed, and any {@code stamps})
   * @param failure the reply itself when it did not succeed (its content holds the error), else null
   */
  record Finished(String msgId, String status, int engine, ObjectNode metadata, long receivedUs, long resultSize,
      Envelope failure) implements TaskChange {}
}
