package io.jparallel.controller.records;

/**
 * What is not written yet of one record: the changes of a task the writer holds fold into one
 * row (a short task's submission, assignment and reply cost one INSERT). {@code insert} when
 * the submission is among them; otherwise the set fields update the stored row. Used by the
 * writer thread only.
 */
final class RowUpdate {
  final String msgId;
  final boolean insert;
  String kind;
  String client;
  String label;
  Integer target;
  String resubmitOf;
  String status;
  /** -1: no engine (requeued); null: unchanged. */
  Integer engine;
  long submitted;
  long dispatched;
  long started;
  long completed;
  long received;
  long resultSize = -1;
  String stdout;
  String stderr;
  String ename;
  String evalue;
  String traceback;
  String stamps;

  /** When the writer first saw a change of this batch of the row (nanoTime). */
  final long firstSeen = System.nanoTime();

  RowUpdate(String msgId, boolean insert) {
    this.msgId = msgId;
    this.insert = insert;
  }

  boolean finished() {
    return "done".equals(status) || "failed".equals(status) || "aborted".equals(status);
  }
}
