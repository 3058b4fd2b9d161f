package io.jparallel.cli;

import io.jparallel.client.Client;
import io.jparallel.dashboard.Dashboard;
import io.jparallel.dashboard.DashboardOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jpar dashboard}: serves the live dashboard of a running cluster until interrupted.
 * With a profile it connects to the profile's newest cluster, and again to whichever runs
 * there after a restart.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serve the live dashboard of a running cluster (http://127.0.0.1:PORT/?token=...) until Ctrl-C.")
final class DashboardCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--connect", description = "the cluster of this client connection file (default: the profile's newest)")
  Path connect;

  @Option(names = "--port", defaultValue = "0", description = "port to serve on (default: any free one)")
  int port;

  @Option(names = "--ip", defaultValue = "127.0.0.1", description = "address to serve on (default: ${DEFAULT-VALUE})")
  String ip;

  @Override
  public Integer call() throws Exception {
    Dashboard d = Dashboard.connecting(() -> {
      try {
        return Client.connect(connect != null ? connect : profile.clientFile());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }, new DashboardOptions(ip, port));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      d.close();
      stop.countDown();
    }, "jparallel-dashboard-stop"));
    System.out.println("dashboard: " + d.url());
    System.out.println("  (Ctrl-C stops it)");
    System.out.flush();
    stop.await();
    return 0;
  }
}
