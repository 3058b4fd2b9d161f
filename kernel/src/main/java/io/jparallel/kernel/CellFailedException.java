package io.jparallel.kernel;

import io.jparallel.session.ErrorInfo;

/** A cell that failed, as {@link JParallelKernel#eval} reports it: carries the user-facing error, no frames of ours. */
public final class CellFailedException extends Exception {
  private final transient ErrorInfo error;

  public CellFailedException(ErrorInfo error) {
    super(error.headline(), null, false, false);
    this.error = error;
  }

  public ErrorInfo error() {
    return error;
  }
}
