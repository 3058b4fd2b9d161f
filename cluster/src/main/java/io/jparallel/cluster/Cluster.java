package io.jparallel.cluster;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.controller.Scheme;
import io.jparallel.controller.records.DbConfig;
import io.jparallel.controller.records.DbMode;
import io.jparallel.dashboard.Dashboard;
import io.jparallel.dashboard.DashboardOptions;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Log;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local cluster: a controller in this JVM and engine JVMs it starts and supervises, like
 * {@code ipcluster}. {@link #close()} (and a shutdown hook, and each engine's watch on this
 * process) make sure no engine outlives it.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.local(4)) {
 *   Client rc = cluster.client();
 *   ...
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {
  private static final Log LOG = Log.of("cluster");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Builder settings;
  private final String clusterId;
  private final Controller controller;
  private final Path clientFile;
  private final Path engineFile;
  private final List<EngineProcess> engines = new ArrayList<>();
  private final Thread shutdownHook;
  private volatile Client client;
  private volatile Dashboard dashboard;
  private volatile boolean closed;

  /** Starts a controller and {@code n} engines with the default settings and waits until they registered. */
  public static Cluster local(int n) {
    return builder().engines(n).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a cluster to start. */
  public static final class Builder {
    private int engines = Math.max(2, Runtime.getRuntime().availableProcessors());
    private String profile = Profiles.DEFAULT;
    private String clusterId;
    private String ip = "127.0.0.1";
    private Scheme scheme = Scheme.LEASTLOAD;
    private int hwm = 0;
    private int heartbeatMs = 1000;
    // Serial GC suits small JVMs sharing few cores; arrays of 512 KiB and more go straight to the old
    // generation so messages in flight are never copied between survivor spaces
    // (JPAR_ENGINE_JAVA_OPTS replaces them, as JPAR_JAVA_OPTS does for ./jpar itself)
    private List<String> jvmOptions = engineJvmOptions(System.getenv("JPAR_ENGINE_JAVA_OPTS"));
    private Duration startTimeout = Duration.ofSeconds(90);
    private DbMode db = DbMode.SQLITE;
    private long resultLimit = ControllerOptions.DEFAULT_RESULT_LIMIT;

    static List<String> engineJvmOptions(String env) {
      if (env == null || env.isBlank()) {
        return List.of("-XX:+UseSerialGC", "-XX:PretenureSizeThreshold=512k", "-Xss4m");
      }
      return List.of(env.trim().split("\\s+"));
    }

    public Builder engines(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a cluster needs at least one engine, not " + n);
      }
      this.engines = n;
      return this;
    }

    public Builder profile(String p) {
      this.profile = p;
      return this;
    }

    /**
     * Names the connection files ({@code client-<id>.json}), the task records
     * ({@code db/tasks-<id>.sqlite}, kept across restarts of the same id) and tags the
     * processes. Without one, the cluster gets a fresh id and removes its records file on close.
     */
    public Builder clusterId(String id) {
      this.clusterId = id;
      return this;
    }

    public Builder ip(String address) {
      this.ip = address;
      return this;
    }

    public Builder scheme(Scheme s) {
      this.scheme = s;
      return this;
    }

    /** Tasks an engine may hold at once; 0 (the default) adapts it to how long tasks run. */
    public Builder hwm(int n) {
      this.hwm = n;
      return this;
    }

    public Builder heartbeatMs(int ms) {
      this.heartbeatMs = ms;
      return this;
    }

    public Builder jvmOptions(List<String> options) {
      this.jvmOptions = List.copyOf(options);
      return this;
    }

    /**
     * Where the controller records tasks: {@code SQLITE} (default, {@code db/tasks-<cluster>.sqlite}
     * in the profile), {@code MEMORY} or {@code NONE}.
     */
    public Builder db(DbMode mode) {
      this.db = mode;
      return this;
    }

    /** Bytes of results (and requests) the controller keeps for {@code rc.result} and {@code rc.resubmit}. */
    public Builder resultLimit(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("the result limit cannot be negative");
      }
      this.resultLimit = bytes;
      return this;
    }

    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    public Cluster start() {
      return new Cluster(this);
    }
  }

  private Cluster(Builder b) {
    this.settings = b;
    this.clusterId = b.clusterId != null ? b.clusterId
        : "local-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    ControllerOptions opts = ControllerOptions.defaults(clusterId).withIp(b.ip).withScheme(b.scheme).withHwm(b.hwm)
        .withHeartbeatMs(b.heartbeatMs).withResultBytes(b.resultLimit)
        .withDb(DbConfig.of(b.db, Profiles.taskDb(b.profile, clusterId)));
    this.controller = Controller.start(opts);
    ConnectionInfo info = controller.connectionInfo();
    this.clientFile = Profiles.clientFile(b.profile, clusterId);
    this.engineFile = Profiles.engineFile(b.profile, clusterId);
    this.shutdownHook = new Thread(this::close, "jparallel-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      info.forClients().write(clientFile);
      info.forEngines().write(engineFile);
      for (int i = 0; i < b.engines; i++) {
        startEngine(i);
      }
      awaitEngines(b.engines, b.startTimeout);
    } catch (IOException | RuntimeException e) {
      close();
      if (e instanceof JParallelException j) {
        throw j;
      }
      throw new JParallelException("could not start the cluster: " + e.getMessage(), e);
    }
  }

  private void startEngine(int id) {
    Path log = Profiles.logs(settings.profile).resolve("engine-" + clusterId + "-" + id + ".log");
    EngineProcess p = new EngineProcess(id, EngineProcess.command(clusterId, engineFile, id, settings.jvmOptions), log,
        this::engineExited);
    synchronized (engines) {
      engines.add(p);
    }
    p.start();
  }

  private void engineExited(EngineProcess p, int code) {
    if (closed) {
      return;
    }
    LOG.warn("engine " + p.id() + " (pid " + p.pid() + ") exited with code " + code + "; log: " + p.log());
    controller.engineProcessExited(p.pid(), code);
  }

  private void awaitEngines(int n, Duration timeout) {
    Client c = client();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (c.ids().size() < n) {
      for (EngineProcess p : snapshot()) {
        if (!p.alive() && p.pid() > 0) {
          throw new JParallelException("engine " + p.id() + " exited while starting; see " + p.log() + tail(p.log()));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new JParallelException(c.ids().size() + " of " + n + " engines registered within "
            + timeout.toSeconds() + " s; see the logs in " + Profiles.logs(settings.profile));
      }
      try {
        c.waitForEngines(n, Duration.ofMillis(200));
      } catch (JParallelException e) {
        // not yet: check the processes again
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** The cluster's own client, created on first use and closed with the cluster. */
  public Client client() {
    Client c = client;
    if (c == null) {
      synchronized (this) {
        if (closed) {
          throw new JParallelException("the cluster is stopped");
        }
        c = client;
        if (c == null) {
          c = Client.connect(controller.connectionInfo().forClients());
          client = c;
        }
      }
    }
    return c;
  }

  /**
   * The cluster's live dashboard, started on first use on a free loopback port and stopped
   * with the cluster: {@code cluster.dashboard().url()} is the address to open, token included.
   */
  public Dashboard dashboard() {
    Dashboard d = dashboard;
    if (d == null) {
      synchronized (this) {
        if (closed) {
          throw new JParallelException("the cluster is stopped");
        }
        d = dashboard;
        if (d == null) {
          d = Dashboard.start(client(), DashboardOptions.defaults());
          dashboard = d;
        }
      }
    }
    return d;
  }

  public String clusterId() {
    return clusterId;
  }

  public Path clientFile() {
    return clientFile;
  }

  public Path engineFile() {
    return engineFile;
  }

  public ConnectionInfo connectionInfo() {
    return controller.connectionInfo();
  }

  /** Process ids of the engine JVMs started by this cluster (current ones, after restarts). */
  public List<Long> enginePids() {
    List<Long> pids = new ArrayList<>();
    for (EngineProcess p : snapshot()) {
      pids.add(p.pid());
    }
    return pids;
  }

  public int size() {
    return snapshot().size();
  }

  /** Completes when the controller stops (after {@link #close()} or {@code jpar cluster stop}). */
  public java.util.concurrent.CompletableFuture<Void> stopped() {
    return controller.stopped();
  }

  private List<EngineProcess> snapshot() {
    synchronized (engines) {
      return new ArrayList<>(engines);
    }
  }

  /** Stops the engines, the controller and the client, and removes the connection files. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Dashboard d = dashboard;
    if (d != null) {
      d.close();
    }
    List<EngineProcess> all = snapshot();
    all.forEach(EngineProcess::stop);
    all.forEach(p -> p.awaitStop(3000));
    Client c = client;
    if (c != null) {
      c.close();
    }
    controller.close();
    try {
      Files.deleteIfExists(clientFile);
      Files.deleteIfExists(engineFile);
      if (settings.clusterId == null && settings.db == DbMode.SQLITE) {
        Profiles.deleteTaskDb(settings.profile, clusterId);
      }
    } catch (IOException e) {
      LOG.warn("could not remove connection files: " + e.getMessage());
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
  }

  @Override
  public String toString() {
    return "Cluster[" + clusterId + ", " + size() + " engines]";
  }
}
