package io.jparallel.client;

/** The engine running a task died (or vanished) before answering. */
public class EngineDiedException extends JParallelException {
  private static final long serialVersionUID = 1L;
  private final int engineId;

  public EngineDiedException(int engineId, String message) {
    super(message);
    this.engineId = engineId;
  }

  public int engineId() {
    return engineId;
  }
}
