package io.jparallel.session;

import io.jparallel.client.EngineIds;

import io.jparallel.client.Client;
import io.jparallel.client.EngineStatus;
import io.jparallel.client.JParallelException;
import io.jparallel.cluster.Cluster;
import io.jparallel.cluster.RunningCluster;
import io.jparallel.dashboard.Dashboard;
import io.jparallel.dashboard.DashboardOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The session's cluster: one it started (stopped with the session) or one it connected to,
 * and the {@code rc}, {@code dv}, {@code lv} variables bound to it in the local JShell.
 */
final class ClusterBinding implements AutoCloseable {
  private static final String STOPPED = "the session's cluster is stopped: %cluster start starts a new one";

  private final LocalShell shell;
  private final SessionContext context;
  private final SessionLibraries libraries;
  private Cluster cluster;
  private Client client;
  /** The dashboard of a cluster the session connected to (one it started has its own). */
  private Dashboard dashboard;
  /** A cluster starting behind the prompt ({@link #startBehind}) until a cell has waited for it. */
  private volatile CompletableFuture<Cluster> starting;
  /** A start {@link #startBehind} set up that has not begun. */
  private Cluster.Builder deferred;

  ClusterBinding(LocalShell shell, SessionContext context, SessionLibraries libraries) {
    this.shell = shell;
    this.context = context;
    this.libraries = libraries;
  }

  synchronized boolean active() {
    return client != null;
  }

  synchronized Client client() {
    if (client == null) {
      throw new JParallelException("no cluster: start one with %cluster start, or %cluster connect FILE");
    }
    return client;
  }

  /** Starts a cluster as {@code settings} say; says so and keeps it when one runs. */
  synchronized String start(Cluster.Builder settings) {
    if (client != null) {
      return "a cluster is already running (" + EngineIds.count(client.ids().size(), "engine") + " " + client.ids()
          + "); %cluster restart replaces it";
    }
    Cluster c = settings.start();
    cluster = c;
    bind(c.client());
    String kind = c.launcher().name();
    return "started a " + (kind.equals("local") ? "local cluster" : "cluster (" + kind + ")") + ": "
        + EngineIds.count(c.size(), "engine") + " " + client.ids() + "; rc, dv and lv are defined";
  }

  /**
   * Starts a cluster as {@code settings} say on a thread of its own, once {@link #begin()} is
   * called or the next cell runs, so a prompt need not wait for engine JVMs; the next cell
   * waits for it ({@link #awaitStart}), which binds {@code rc}, {@code dv} and {@code lv} on
   * the cell's own thread.
   */
  synchronized void startBehind(Cluster.Builder settings) {
    deferred = settings;
  }

  /** Begins the start {@link #startBehind} set up (the REPL: as its prompt shows, so the engine JVMs do not slow the prompt). */
  synchronized void begin() {
    Cluster.Builder settings = deferred;
    if (settings == null) {
      return;
    }
    deferred = null;
    CompletableFuture<Cluster> f = new CompletableFuture<>();
    starting = f;
    Thread t = new Thread(() -> {
      try {
        f.complete(settings.start());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    }, "jparallel-cluster-start");
    t.setDaemon(true);
    t.start();
  }

  /** Whether a cluster started behind the prompt is still starting. */
  synchronized boolean starting() {
    CompletableFuture<Cluster> f = starting;
    return deferred != null || f != null && !f.isDone();
  }

  /**
   * Waits for a start begun by {@link #startBehind} (saying so on {@code out} when it must
   * wait) and binds its cluster; its failure is said once, in one line, and the session goes on
   * without a cluster. False when {@code interrupted} while waiting (the start goes on).
   */
  boolean awaitStart(SessionOutput out, BooleanSupplier interrupted) {
    begin();
    CompletableFuture<Cluster> f = starting;
    if (f == null) {
      return true;
    }
    if (!f.isDone()) {
      out.stderr("[waiting for the local cluster's engines to start]\n");
    }
    while (!f.isDone()) {
      if (interrupted.getAsBoolean()) {
        return false;
      }
      try {
        f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // done, or not yet: the loop tells
      } catch (InterruptedException e) {
        return false;
      }
    }
    synchronized (this) {
      if (starting != f) {
        return true; // another cell's thread took it
      }
      starting = null;
      try {
        adopt(f.join());
      } catch (RuntimeException e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        out.stderr("could not start the local cluster: " + (cause.getMessage() == null ? cause : cause.getMessage())
            + " (%cluster start tries again)\n");
      }
    }
    return true;
  }

  /** A cluster started elsewhere becomes the session's: stopped with it. */
  private void adopt(Cluster c) {
    cluster = c;
    try {
      bind(c.client());
    } catch (RuntimeException e) {
      cluster = null;
      c.close();
      throw e;
    }
  }

  synchronized String restart(Cluster.Builder settings) {
    stop();
    return start(settings).replaceFirst("^started", "restarted");
  }

  synchronized String connect(Path file) {
    if (client != null) {
      return "a cluster is already in use (" + EngineIds.count(client.ids().size(), "engine") + "); %cluster stop first";
    }
    Client c = file == null ? Client.connect() : Client.connect(file);
    bind(c);
    return "connected to " + c.connectionInfo().clientAddress() + ": " + EngineIds.count(c.ids().size(), "engine") + " " + c.ids()
        + "; rc, dv and lv are defined";
  }

  /** The cluster's dashboard, started on first use; it stops with the cluster (or the connection). */
  synchronized Dashboard dashboard() {
    client();
    if (cluster != null) {
      return cluster.dashboard();
    }
    if (dashboard == null) {
      dashboard = Dashboard.start(client, DashboardOptions.defaults());
    }
    return dashboard;
  }

  synchronized String stop() {
    if (client == null) {
      return "no cluster is running";
    }
    if (dashboard != null) {
      dashboard.close();
      dashboard = null;
    }
    String what = cluster != null ? "stopped the local cluster" : "disconnected from the cluster";
    context.client(null);
    client.close(STOPPED);
    if (cluster != null) {
      cluster.close();
    }
    cluster = null;
    client = null;
    return what;
  }

  synchronized String status() {
    if (client == null) {
      return "no cluster (%cluster start [-n N] or %cluster connect [FILE])";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(cluster != null ? cluster.launcher().name() + " cluster " + cluster.clusterId() : "connected cluster")
        .append(" at ").append(client.connectionInfo().clientAddress()).append(": ")
        .append(EngineIds.count(client.ids().size(), "engine")).append('\n');
    for (Map.Entry<Integer, EngineStatus> e : client.queueStatus().entrySet()) {
      sb.append("  ").append(RunningCluster.describe(e.getValue())).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** Defines {@code rc}, {@code dv} and {@code lv} again (after {@code /reset} dropped the user's snippets), if there is a cluster. */
  synchronized void rebind() {
    if (client != null) {
      define();
    }
  }

  private void bind(Client c) {
    c.classLoader(shell.loader());
    java.util.Set<Integer> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();
    c.onEngineEvent(e -> {
      SessionOutput out = context.output();
      if (!e.joined()) {
        lost.add(e.engineId());
        if (out != null) {
          out.stderr("[engine " + e.engineId() + " left: " + e.reason() + "]\n");
        }
      } else if (lost.remove(e.engineId()) && out != null) {
        out.stderr("[engine " + e.engineId() + " restarted: its namespace (variables, imports) was lost]\n");
      }
    });
    client = c;
    context.client(c);
    define();
    try {
      libraries.bound(c);
    } catch (JParallelException e) {
      SessionOutput out = context.output();
      if (out != null) {
        out.stderr("[the engines did not get the session's libraries: " + e.getMessage() + "]\n");
      }
    }
  }

  private void define() {
    LocalShell.Outcome o = shell.evalStartup("Client rc = io.jparallel.session.SessionBridge.client();\n"
        + "DirectView dv = rc.direct();\nLoadBalancedView lv = rc.loadBalanced();");
    if (!o.ok()) {
      throw new JParallelException("could not define rc, dv, lv: " + (o.error() == null ? "stopped" : o.error().headline()));
    }
  }

  @Override
  public synchronized void close() {
    deferred = null;
    CompletableFuture<Cluster> f = starting;
    starting = null;
    if (f != null) {
      try {
        f.join().close(); // a start in flight ends before the session: no engine outlives it
      } catch (RuntimeException e) {
        // it failed: nothing runs
      }
    }
    if (client != null) {
      stop();
    }
  }
}
