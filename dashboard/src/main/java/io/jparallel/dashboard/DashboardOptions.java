package io.jparallel.dashboard;

/**
 * Where a dashboard listens.
 *
 * @param ip address to bind (127.0.0.1 unless told otherwise)
 * @param port port, or 0 for any free one
 */
public record DashboardOptions(String ip, int port) {
  public static DashboardOptions defaults() {
    return new DashboardOptions("127.0.0.1", 0);
  }
}
