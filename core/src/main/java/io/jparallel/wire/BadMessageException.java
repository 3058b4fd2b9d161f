package io.jparallel.wire;

/** A message that is unsigned, forged, truncated or otherwise malformed. It is dropped. */
public final class BadMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadMessageException(String message) {
    super(message);
  }

  public BadMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
