package io.jparallel.dashboard;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import io.jparallel.client.MonitorSubscription;
import io.jparallel.wire.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The live dashboard of a cluster: a client of its controller subscribed to the monitor feed,
 * and a small HTTP server (Jetty) on loopback serving the page at {@code url()}, which carries
 * a random token as Jupyter's does. The page updates itself by server-sent events; engines
 * that die stay listed as dead, engines that come back show up again, and when the
 * controller itself goes silent the page says so while the dashboard reconnects.
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.start(rc, DashboardOptions.defaults())) {
 *   System.out.println(d.url());   // http://127.0.0.1:PORT/?token=...
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
  private static final Log LOG = Log.of("dashboard");
  /** The controller counts as lost after this long without a monitor update (they come every 250 ms). */
  static final Duration SILENCE = Duration.ofSeconds(5);

  private final Supplier<Client> connect;
  private final boolean ownsClient;
  private final AccessToken token = new AccessToken();
  private final DashboardState state = new DashboardState();
  private final EventStream events = new EventStream(state);
  private final ScheduledExecutorService timers;
  private final Server server;
  private final String url;
  private volatile Client client;
  private volatile MonitorSubscription subscription;
  private volatile boolean closed;

  private Dashboard(Supplier<Client> connect, boolean ownsClient, DashboardOptions options) {
    this.connect = connect;
    this.ownsClient = ownsClient;
    this.timers = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "jparallel-dashboard");
      t.setDaemon(true);
      return t;
    });
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setDaemon(true);
    threads.setName("jparallel-dashboard-http");
    this.server = new Server(threads);
    ServerConnector http = new ServerConnector(server, 1, 1);
    String ip = options.ip() == null ? "127.0.0.1" : options.ip();
    http.setHost(ip);
    http.setPort(options.port());
    server.addConnector(http);
    server.setHandler(new DashboardHttp(token, state, events, this::client));
    server.setStopTimeout(2000);
    try {
      server.start();
    } catch (Exception e) {
      stopServer();
      timers.shutdownNow();
      throw new JParallelException("could not serve the dashboard on " + ip + ":" + options.port() + ": " + e.getMessage(), e);
    }
    String host = "0.0.0.0".equals(ip) || "::".equals(ip) ? "127.0.0.1" : ip;
    this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.getLocalPort() + "/?token="
        + token.value();
  }

  /** The dashboard of the cluster {@code client} is connected to; the client stays the caller's. */
  public static Dashboard start(Client client, DashboardOptions options) {
    Dashboard d = new Dashboard(() -> client, false, options);
    d.begin();
    return d;
  }

  /**
   * A dashboard that connects with {@code connect} (e.g. the newest connection file of a
   * profile), and connects again the same way when the controller is lost: a cluster restarted
   * in the same profile shows up again by itself. It closes the clients it made.
   */
  public static Dashboard connecting(Supplier<Client> connect, DashboardOptions options) {
    Dashboard d = new Dashboard(connect, true, options);
    d.begin();
    return d;
  }

  private void begin() {
    try {
      subscribe();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    timers.scheduleAtFixedRate(events::broadcast, 500, 500, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
  }

  /** The page's address, token included. */
  public String url() {
    return url;
  }

  /** Pages open on the live stream now. */
  public int watching() {
    return events.watching();
  }

  /** What the page shows now, in short. */
  public DashboardSummary summary() {
    List<DashboardSummary.Engine> es = new ArrayList<>();
    for (DashboardState.EngineRow r : state.engines()) {
      es.add(new DashboardSummary.Engine(r.id(), r.pid(), r.host(), r.state(), r.running(), r.queued(), r.done(),
          r.lastHeartbeatMs()));
    }
    String connection = subscription == null ? "lost" : "connected";
    return new DashboardSummary(url, connection, es, state.rate(10), state.done(), state.failed());
  }

  private Client client() {
    Client c = client;
    if (c == null) {
      throw new JParallelException("the dashboard is not connected to a controller now");
    }
    return c;
  }

  private synchronized void subscribe() {
    Client c = client;
    if (c == null) {
      c = connect.get();
      client = c;
    }
    subscription = c.monitor(state::update);
    state.connected(c.connectionInfo().clientAddress());
  }

  /** Every second: a controller silent for 5 s is lost; then try to (re)connect every second. */
  private void watch() {
    if (closed) {
      return;
    }
    MonitorSubscription s = subscription;
    if (s != null && Duration.between(s.lastUpdate(), Instant.now()).compareTo(SILENCE) > 0) {
      state.lost("no word from the controller for " + SILENCE.toSeconds() + " s; reconnecting");
      LOG.warn("lost the controller; reconnecting");
      drop();
      return;
    }
    if (s == null) {
      try {
        subscribe();
        LOG.info("connected to the controller again");
      } catch (RuntimeException e) {
        state.lost("cannot reach the controller (" + e.getMessage() + "); trying again");
        if (ownsClient) {
          drop();
        }
      }
    }
  }

  private synchronized void drop() {
    MonitorSubscription s = subscription;
    subscription = null;
    if (s != null) {
      s.close();
    }
    if (ownsClient) {
      Client c = client;
      client = null;
      if (c != null) {
        c.close();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    events.closeAll();
    drop();
    stopServer();
  }

  private void stopServer() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("the dashboard's server did not stop cleanly: " + e.getMessage());
    }
  }
}
