package io.jparallel.client;

/** A task was stopped by {@code abort()}, Ctrl-C or a {@code %px} timeout. */
public class TaskAbortedException extends JParallelException {
  private static final long serialVersionUID = 1L;

  public TaskAbortedException(String message) {
    super(message);
  }
}
