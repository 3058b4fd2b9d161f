package io.jparallel.engine;

import io.jparallel.wire.ConnectionInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an engine.
 *
 * @param connection the controller's engine connection info (engine_port, key)
 * @param requestedId the engine id to ask for, or -1 for any free one
 * @param parentPid a process whose end makes the engine exit, or -1
 * @param registrationTimeout how long to wait for the controller's registration reply
 * @param abortGrace how long an aborted running task may take to stop before the engine
 *     answers it itself and exits with {@link Engine#EXIT_ABORT_TIMEOUT}
 * @param label a name used in log lines
 */
public record EngineOptions(
    ConnectionInfo connection,
    int requestedId,
    long parentPid,
    Duration registrationTimeout,
    Duration abortGrace,
    String label) {

  public EngineOptions {
    Objects.requireNonNull(connection, "connection");
    // as long as a launcher waits for its engines (120 s): 64 JVMs starting on 2 cores take a while
    registrationTimeout = registrationTimeout == null ? Duration.ofSeconds(120) : registrationTimeout;
    abortGrace = abortGrace == null
        ? Duration.ofMillis(Long.getLong("jparallel.abort.grace.ms", 5000)) : abortGrace;
    label = label == null ? "engine" : label;
  }

  /** Defaults: any id, no parent, 120 s registration timeout, grace from {@code jparallel.abort.grace.ms}. */
  public static EngineOptions of(ConnectionInfo connection) {
    return new EngineOptions(connection, -1, -1, null, null, null);
  }

  public EngineOptions withRequestedId(int id) {
    return new EngineOptions(connection, id, parentPid, registrationTimeout, abortGrace, label);
  }

  public EngineOptions withParentPid(long pid) {
    return new EngineOptions(connection, requestedId, pid, registrationTimeout, abortGrace, label);
  }

  public EngineOptions withRegistrationTimeout(Duration timeout) {
    return new EngineOptions(connection, requestedId, parentPid, timeout, abortGrace, label);
  }

  public EngineOptions withAbortGrace(Duration grace) {
    return new EngineOptions(connection, requestedId, parentPid, registrationTimeout, grace, label);
  }
}
