package io.jparallel.cluster.faults;

import io.jparallel.cluster.Cluster;
import java.util.List;

/**
 * A cluster in a process of its own, for tests that pause or kill the controller:
 * {@code ClusterMain <cluster-id> <engines> <heartbeat-timeout-ms>}. Prints
 * {@code client-file <path>} once the engines registered, and runs until the controller stops
 * (a shutdown request) or its standard input closes.
 */
public final class ClusterMain {
  private ClusterMain() {}

  public static void main(String[] args) throws Exception {
    Cluster cluster = Cluster.builder().clusterId(args[0]).engines(Integer.parseInt(args[1]))
        .heartbeatTimeoutMs(Long.parseLong(args[2])).jvmOptions(List.of("-XX:+UseSerialGC", "-Xmx256m")).start();
    System.out.println("client-file " + cluster.clientFile());
    System.out.flush();
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // until the test closes it
        }
      } catch (java.io.IOException ignored) {
        // closed
      }
      cluster.close();
    });
    stdin.setDaemon(true);
    stdin.start();
    try {
      cluster.stopped().join();
    } finally {
      cluster.close();
    }
    System.exit(0);
  }
}
