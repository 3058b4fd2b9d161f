package io.jparallel.cluster;

import io.jparallel.client.Client;
import io.jparallel.client.EngineStatus;
import io.jparallel.engine.Engine;
import io.jparallel.client.JParallelException;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.controller.Scheme;
import io.jparallel.controller.records.DbConfig;
import io.jparallel.controller.records.DbMode;
import io.jparallel.dashboard.Dashboard;
import io.jparallel.dashboard.DashboardOptions;
import io.jparallel.jvm.JvmOptions;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Log;
import io.jparallel.wire.LogFiles;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A cluster: a controller in this JVM and engines its {@link Launcher} starts (child JVMs by
 * default; over ssh, as a Slurm job or through mpiexec with {@link Launchers}), like {@code
 * ipcluster}. {@link #close()} (and a shutdown hook, and each engine's watch on its controller)
 * make sure no engine outlives it.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.local(4)) {
 *   Client rc = cluster.client();
 *   ...
 * }
 * Cluster.builder().engines(4).launcher(Launchers.slurm("--partition=debug")).start();
 * }</pre>
 */
public final class Cluster implements AutoCloseable {
  private static final Log LOG = Log.of("cluster");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Builder settings;
  private final String clusterId;
  private final int size;
  private final Controller controller;
  private final Path clientFile;
  private final Path engineFile;
  private final Thread shutdownHook;
  private volatile LaunchedEngines launched;
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

  /** The number of engines when none is given: the cores, at least 2. */
  public static int defaultEngines() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Settings of a cluster to start. */
  public static final class Builder {
    private Integer engines;
    private String profile = Profiles.DEFAULT;
    private String clusterId;
    private String ip;
    private String location;
    private boolean curve;
    private Launcher launcher = Launchers.local();
    private Scheme scheme = Scheme.LEASTLOAD;
    private int hwm = 0;
    private int heartbeatMs = 1000;
    private ControllerOptions limits = ControllerOptions.defaults("limits");
    private List<String> jvmOptions = JvmOptions.engine();
    private Duration startTimeout = Duration.ofSeconds(120);
    private DbMode db = DbMode.SQLITE;
    private long resultLimit = ControllerOptions.DEFAULT_RESULT_LIMIT;

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

    /** The address the controller binds (default: the launcher's: loopback for local engines). */
    public Builder ip(String address) {
      this.ip = address;
      return this;
    }

    /** The address written into the engine connection file, where engines dial (default: the bound one). */
    public Builder location(String address) {
      this.location = address;
      return this;
    }

    /** CurveZMQ on loopback too (beyond loopback it is always on). */
    public Builder curve(boolean on) {
      this.curve = on;
      return this;
    }

    /** Where the engines run (default {@link Launchers#local()}). */
    public Builder launcher(Launcher l) {
      this.launcher = java.util.Objects.requireNonNull(l, "launcher");
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

    /** An engine not heard for this long is dead (heartbeats have a socket and thread of their own). */
    public Builder heartbeatTimeoutMs(long ms) {
      this.limits = limits.withHeartbeatTimeoutMs(ms);
      return this;
    }

    /** With no engine for this long, waiting tasks fail; direct ones wait this long for a replacement. */
    public Builder noEnginesTimeoutMs(long ms) {
      this.limits = limits.withNoEnginesTimeoutMs(ms);
      return this;
    }

    /** The largest message the controller's sockets accept. */
    public Builder maxMessage(long bytes) {
      this.limits = limits.withMaxMessage(bytes);
      return this;
    }

    /** The engines' JVM options (default {@link JvmOptions#engine()}). */
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

    /** How long {@link #start()} waits for every engine to register (default 120 s). */
    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    /** Starts the controller and the engines; returns once all registered, or fails having stopped everything. */
    public Cluster start() {
      return new Cluster(this);
    }
  }

  private Cluster(Builder b) {
    this.settings = b;
    Launcher launcher = b.launcher;
    this.size = b.engines != null ? b.engines : launcher.impliedEngines() > 0 ? launcher.impliedEngines() : defaultEngines();
    this.clusterId = b.clusterId != null ? b.clusterId
        : launcher.name() + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    String bind = b.ip != null ? b.ip : launcher.defaultBindAddress();
    ControllerOptions opts = ControllerOptions.defaults(clusterId).withIp(bind).withScheme(b.scheme).withHwm(b.hwm)
        .withHeartbeatMs(b.heartbeatMs).withHeartbeatTimeoutMs(b.limits.heartbeatTimeoutMs())
        .withNoEnginesTimeoutMs(b.limits.noEnginesTimeoutMs()).withMaxMessage(b.limits.maxMessage()).withCurve(b.curve)
        .withResultBytes(b.resultLimit).withDb(DbConfig.of(b.db, Profiles.taskDb(b.profile, clusterId)));
    this.controller = Controller.start(opts);
    ConnectionInfo info = controller.connectionInfo();
    this.clientFile = Profiles.clientFile(b.profile, clusterId);
    this.engineFile = Profiles.engineFile(b.profile, clusterId);
    this.shutdownHook = new Thread(this::close, "jparallel-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      String location = b.location != null ? b.location
          : ConnectionInfo.isAnyAddress(bind) ? (launcher.remote() ? Addresses.thisHost() : "127.0.0.1") : bind;
      ConnectionInfo forEngines = info.forEngines().withIp(Addresses.checkAdvertised(location));
      info.forClients().write(clientFile);
      forEngines.write(engineFile);
      LogFiles.prune(Profiles.logs(b.profile));
      EngineSpec spec = new EngineSpec(clusterId, size, forEngines, engineFile, b.jvmOptions, Profiles.logs(b.profile),
          () -> client().ids().size());
      launched = launcher.launch(spec, new Departures() {
        @Override
        public void gone(Predicate<EngineStatus> which, String why) {
          departed(which, why);
        }

        @Override
        public void exited(long pid, int code, boolean restarting) {
          if (!closed && !controller.stopped().isDone()) {
            controller.engineProcessExited(pid, restarting ? Engine.EXIT_ABORT_TIMEOUT : code);
          }
        }
      });
      awaitEngines(size, b.startTimeout);
    } catch (IOException | RuntimeException e) {
      close();
      if (e instanceof JParallelException j) {
        throw j;
      }
      throw new JParallelException("could not start the cluster: " + e.getMessage(), e);
    }
  }

  /** A launcher saw engines go: fail their tasks now (the controller would otherwise wait for missed heartbeats). */
  private void departed(Predicate<EngineStatus> which, String why) {
    if (closed || controller.stopped().isDone()) {
      return;
    }
    try {
      for (EngineStatus s : client().queueStatus().values()) {
        if (which.test(s)) {
          LOG.warn("engine " + s.engineId() + " (pid " + s.pid() + (s.host().isEmpty() ? "" : " on " + s.host())
              + ") is gone: " + why);
          controller.engineLost(s.engineId(), s.pid(), why);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("could not tell the controller that engines left (" + why + "): " + e.getMessage());
    }
  }

  private void awaitEngines(int n, Duration timeout) {
    Client c = client();
    long deadline = System.nanoTime() + timeout.toNanos();
    String kind = settings.launcher.name();
    while (c.ids().size() < n) {
      Optional<String> failed = launched.failure(registered(c));
      if (failed.isPresent()) {
        throw new LaunchException("could not start " + n + (n == 1 ? " engine (" : " engines (") + kind + "): "
            + failed.get());
      }
      if (System.nanoTime() > deadline) {
        throw new LaunchException(c.ids().size() + " of " + n + (n == 1 ? " engine (" : " engines (") + kind + ") registered within "
            + timeout.toSeconds() + " s; " + launched.pending(registered(c)));
      }
      try {
        c.waitForEngines(n, Duration.ofMillis(250));
      } catch (JParallelException e) {
        // not yet: check the launch again
      }
    }
  }

  private static Collection<EngineStatus> registered(Client c) {
    try {
      return c.queueStatus().values();
    } catch (RuntimeException e) {
      return List.of();
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

  /** Where the engines run. */
  public Launcher launcher() {
    return settings.launcher;
  }

  /** What the launcher started: engine processes, ssh sessions, the batch job, mpiexec. */
  public List<LaunchedEngines.Part> launched() {
    LaunchedEngines l = launched;
    return l == null ? List.of() : l.parts();
  }

  /** Process ids of what the launcher started (engine JVMs; on other hosts, their pids there). */
  public List<Long> enginePids() {
    List<Long> pids = new ArrayList<>();
    for (LaunchedEngines.Part p : launched()) {
      pids.add(p.pid());
    }
    return pids;
  }

  /** The number of engines this cluster started. */
  public int size() {
    return size;
  }

  /** Completes when the controller stops (after {@link #close()} or {@code jpar cluster stop}). */
  public java.util.concurrent.CompletableFuture<Void> stopped() {
    return controller.stopped();
  }

  /** Stops the engines (through their launcher), the controller and the client, and removes the connection files. */
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
    LaunchedEngines l = launched;
    if (l != null) {
      if (!controller.stopped().isDone()) {
        controller.stopEngines(); // first, so that the controller expects them to go
      }
      try {
        l.stop();
      } catch (RuntimeException e) {
        LOG.warn("could not stop every engine: " + e.getMessage());
      }
    }
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
    return "Cluster[" + clusterId + ", " + size + (size == 1 ? " engine, " : " engines, ") + settings.launcher + "]";
  }
}
