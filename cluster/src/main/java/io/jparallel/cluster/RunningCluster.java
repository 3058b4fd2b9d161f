package io.jparallel.cluster;

import io.jparallel.client.Client;
import io.jparallel.client.EngineStatus;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster some process started, found by its client connection file: whether it still
 * runs (the file's controller pid), its engines, and stopping it ({@code jpar cluster
 * stop|status} are its front end).
 */
public final class RunningCluster {
  private final Path clientFile;
  private final ConnectionInfo info;

  private RunningCluster(Path clientFile, ConnectionInfo info) {
    this.clientFile = clientFile;
    this.info = info;
  }

  /** The cluster of this client connection file (which must be readable). */
  public static RunningCluster of(Path clientFile) throws IOException {
    return new RunningCluster(clientFile, ConnectionInfo.read(clientFile));
  }

  /** Every cluster with a client connection file in {@code profile}, by file name. */
  public static List<RunningCluster> all(String profile) throws IOException {
    List<RunningCluster> out = new ArrayList<>();
    for (Path f : Profiles.connectionFiles(profile, "client")) {
      out.add(of(f));
    }
    return out;
  }

  /** Whether the process that wrote the connection file still runs. */
  public static boolean isAlive(Path clientFile) {
    try {
      return of(clientFile).alive();
    } catch (IOException e) {
      return false;
    }
  }

  public boolean alive() {
    return info.pid() == null || ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  public ConnectionInfo info() {
    return info;
  }

  public Path clientFile() {
    return clientFile;
  }

  /** The registered engines, by id (asks the controller). */
  public Map<Integer, EngineStatus> engines() {
    try (Client rc = Client.connect(clientFile)) {
      return rc.queueStatus();
    }
  }

  /** Removes the connection files of a cluster whose process is gone. */
  public void removeStaleFiles() throws IOException {
    Files.deleteIfExists(clientFile);
    Files.deleteIfExists(clientFile.resolveSibling(clientFile.getFileName().toString().replaceFirst("^client-", "engine-")));
  }

  /**
   * Asks the controller to stop its engines and itself, then waits (within {@code limit}) for
   * the process that runs it to end: that process stops what its launcher started (ssh
   * sessions, the Slurm job, mpiexec) on its way out.
   */
  public void stop(Duration limit) {
    try (Client rc = Client.connect(clientFile)) {
      rc.shutdown(true);
    }
    if (info.pid() != null) {
      ProcessHandle.of(info.pid()).ifPresent(p -> {
        try {
          p.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          p.destroy(); // its shutdown hook still stops the engines
          try {
            p.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
          } catch (Exception e2) {
            // reported by the caller's status
          }
        }
      });
    }
  }

  /** One line per engine: id, pid, host, launcher (with the Slurm job id), queue. */
  public static String describe(EngineStatus s) {
    String where = s.host().isEmpty() ? s.hostname() : s.host();
    String launcher = s.launcher().isEmpty() ? "" : ", " + s.launcher() + (s.jobId().isEmpty() ? "" : " job " + s.jobId());
    return "engine " + s.engineId() + ": pid " + s.pid() + " on " + where + launcher + ", " + s.queue() + " queued, "
        + s.completed() + " completed";
  }
}
