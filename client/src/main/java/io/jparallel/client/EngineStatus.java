package io.jparallel.client;

/**
 * One engine as the controller sees it: tasks queued or running there, tasks it completed,
 * and where it runs: its process id, host name, address ({@code host}, what other hosts reach
 * it at), the launcher that started it (local, ssh, slurm, mpi, or manual for {@code jpar
 * engine}) and its batch job id (Slurm; else empty).
 */
public record EngineStatus(int engineId, int queue, long completed, long pid, String hostname, String host,
    String launcher, String jobId) {

  public EngineStatus(int engineId, int queue, long completed, long pid, String hostname) {
    this(engineId, queue, completed, pid, hostname, "", "", "");
  }
}
