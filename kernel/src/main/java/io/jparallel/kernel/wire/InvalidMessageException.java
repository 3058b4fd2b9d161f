package io.jparallel.kernel.wire;

/** A message that is dropped: bad signature, replayed, truncated or not Jupyter JSON. */
public final class InvalidMessageException extends Exception {
  public InvalidMessageException(String message) {
    super(message, null, false, false);
  }
}
