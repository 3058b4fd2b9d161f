package io.jparallel.cluster.faults;

import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import java.nio.file.Path;

/**
 * A client that floods a cluster with tasks and never reads a result, until it is killed:
 * {@code FloodingClient <client-file>}. Prints {@code flooding} once the first tasks are out.
 */
public final class FloodingClient {
  private FloodingClient() {}

  public static void main(String[] args) {
    Client rc = Client.connect(Path.of(args[0]));
    LoadBalancedView lv = rc.loadBalanced();
    double[] payload = new double[8192];
    for (long i = 0; ; i++) {
      lv.applyAsync(x -> x, payload);
      rc.direct(rc.ids().get((int) (i % rc.ids().size()))).applyAsync(x -> x, payload);
      if (i == 1000) {
        System.out.println("flooding");
        System.out.flush();
      }
    }
  }
}
