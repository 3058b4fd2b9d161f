package io.jparallel.dashboard;

import java.util.List;

/**
 * A dashboard at one moment, for an inline snapshot ({@code %dashboard} in a notebook): its
 * URL, the engines, tasks done per second over the last 10 s, and tasks done and failed since
 * it started watching.
 */
public record DashboardSummary(String url, String connection, List<Engine> engines, double tasksPerSecond, long done,
    long failed) {
  /** One engine: up or dead, its tasks running, queued and done, when it was last heard. */
  public record Engine(int id, long pid, String host, String state, int running, int queued, long done,
      long lastHeartbeatMs) {}
}
