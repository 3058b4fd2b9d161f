package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What a {@link Launcher} started: its parts, why one failed, and how to stop them all. */
public interface LaunchedEngines {
  /** One started part: an engine process, an ssh session, a batch job, an mpiexec. */
  record Part(String host, long pid, String jobId, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** The processes, sessions or jobs started (a snapshot). */
  List<Part> parts();

  /**
   * Why the start cannot succeed any more (a part ended before its engines registered), in
   * one line with the tool's own words and the last lines of the log; empty while it still can.
   */
  Optional<String> failure(Collection<EngineStatus> registered);

  /** What has not joined yet and what it is doing, for a start that timed out. */
  String pending(Collection<EngineStatus> registered);

  /** Stops everything that was started (engines, sessions, jobs) and waits, within bounds, until it has. */
  void stop();
}
