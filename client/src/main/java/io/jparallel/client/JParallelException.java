package io.jparallel.client;

/** Base of the unchecked exceptions of the client API (JShell users need no try/catch). */
public class JParallelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JParallelException(String message) {
    super(message);
  }

  public JParallelException(String message, Throwable cause) {
    super(message, cause);
  }
}
