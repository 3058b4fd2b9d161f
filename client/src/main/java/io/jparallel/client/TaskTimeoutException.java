package io.jparallel.client;

/**
 * A task did not finish in time: from {@code get(Duration)} (the task keeps running) or
 * from a view's {@code timeout(...)} (the task was stopped on its engine).
 */
public class TaskTimeoutException extends JParallelException {
  private static final long serialVersionUID = 1L;

  public TaskTimeoutException(String message) {
    super(message);
  }
}
