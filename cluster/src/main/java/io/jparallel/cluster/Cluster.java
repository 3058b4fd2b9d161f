package io.jparallel.cluster;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.controller.Scheme;
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
    private ControllerOptions limits = ControllerOptions.defaults("limits");
    // Serial GC suits small JVMs sharing few cores; arrays of 512 KiB and more go straight to the old
    // generation so messages in flight are never copied between survivor spaces
    // (JPAR_ENGINE_JAVA_OPTS replaces them, as JPAR_JAVA_OPTS does for ./jpar itself)
    private List<String> jvmOptions = engineJvmOptions(System.getenv("JPAR_ENGINE_JAVA_OPTS"));
    private Duration startTimeout = Duration.ofSeconds(90);

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

    /** Names the connection files ({@code client-<id>.json}) and tags the processes. */
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

    public Builder jvmOptions(List<String> options) {
      this.jvmOptions = List.copyOf(options);
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
        .withHeartbeatMs(b.heartbeatMs).withHeartbeatTimeoutMs(b.limits.heartbeatTimeoutMs())
        .withNoEnginesTimeoutMs(b.limits.noEnginesTimeoutMs()).withMaxMessage(b.limits.maxMessage());
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
