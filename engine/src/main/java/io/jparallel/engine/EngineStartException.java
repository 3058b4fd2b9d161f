package io.jparallel.engine;

/** The engine could not register with its controller (refused, unreachable, bad connection file). */
public final class EngineStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public EngineStartException(String message) {
    super(message);
  }

  public EngineStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
