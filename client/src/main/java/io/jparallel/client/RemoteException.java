package io.jparallel.client;

/**
 * A task failed on an engine. Carries the engine id, the remote exception's class and
 * message, and the remote stack trace as text.
 */
public class RemoteException extends JParallelException {
  private static final long serialVersionUID = 1L;

  private final int engineId;
  private final String remoteClass;
  private final String remoteMessage;
  private final String remoteStackTrace;
  private final String kind;

  public RemoteException(int engineId, String kind, String remoteClass, String remoteMessage, String remoteStackTrace) {
    super("[" + engineId + ":" + kind + "] " + remoteClass
        + (remoteMessage == null || remoteMessage.isEmpty() ? "" : ": " + remoteMessage));
    this.engineId = engineId;
    this.kind = kind;
    this.remoteClass = remoteClass;
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = remoteStackTrace;
  }

  public int engineId() {
    return engineId;
  }

  /** What kind of task failed: {@code execute}, {@code apply} or {@code namespace}. */
  public String kind() {
    return kind;
  }

  public String remoteClass() {
    return remoteClass;
  }

  public String remoteMessage() {
    return remoteMessage;
  }

  public String remoteStackTrace() {
    return remoteStackTrace;
  }

  @Override
  public String toString() {
    return getMessage() + (remoteStackTrace == null || remoteStackTrace.isEmpty() ? "" : "\n" + remoteStackTrace);
  }
}
