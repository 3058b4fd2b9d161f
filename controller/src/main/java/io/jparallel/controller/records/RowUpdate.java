package io.jparallel.controller.records;

/**
 * What one batch changes in one record: the changes of a task seen in the same batch fold
 * into one row (a tiny task's submission, assignment and reply usually land together, and
 * cost one INSERT). {@code insert} when the batch saw the submission; otherwise the set
 * fields update the stored row. Used by the writer thread only.
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

  RowUpdate(String msgId, boolean insert) {
    this.msgId = msgId;
    this.insert = insert;
  }
}
