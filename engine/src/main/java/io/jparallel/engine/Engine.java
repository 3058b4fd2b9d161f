package io.jparallel.engine;

import io.jparallel.fn.Ref;
import io.jparallel.jshell.LibraryLoader;
import io.jparallel.wire.ConnectionInfo;
import java.net.InetAddress;
import io.jparallel.wire.Log;
import io.jparallel.wire.MessageFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running engine: an I/O thread that talks to the controller and a worker thread that
 * runs tasks one at a time. {@link #start} returns once the controller has registered it.
 * {@link EngineMain} runs one as a process; other modules may run one in-process.
 */
public final class Engine implements AutoCloseable {
  private static final Log LOG = Log.of("engine");
  /** Told to shut down by the controller, or closed. */
  public static final int EXIT_OK = 0;
  /** Registration refused or timed out, or an internal failure. */
  public static final int EXIT_FATAL = 1;
  /** The controller's heartbeats stopped. */
  public static final int EXIT_CONTROLLER_LOST = 2;
  /** The {@code --parent-pid} process ended. */
  public static final int EXIT_PARENT_GONE = 3;
  /** An aborted task did not stop within the grace period; the launcher restarts the engine under the same id. */
  public static final int EXIT_ABORT_TIMEOUT = 75;

  private final EngineIo io;
  private final Thread ioThread;
  private final ShellStart shell;
  private final TaskRunner runner;

  private Engine(EngineIo io, Thread ioThread, ShellStart shell, TaskRunner runner) {
    this.io = io;
    this.ioThread = ioThread;
    this.shell = shell;
    this.runner = runner;
  }

  /** Whether this engine's JShell is ready (it starts when a task needs it or the engine is idle). */
  boolean shellReady() {
    return shell.now() != null;
  }

  /** How many snippets javac's warm-up has run here (0 until the engine has compiled code and sat idle). */
  int warmupSnippets() {
    return runner.warmupSnippets();
  }

  /**
   * Starts an engine and waits for its registration.
   *
   * @throws EngineStartException if the controller refused it or did not answer in time
   */
  public static Engine start(EngineOptions options) throws EngineStartException {
    OutputCapture.install();
    MessageFactory session = new MessageFactory("engine");
    Outbox outbox = new Outbox();
    LibraryLoader libraries = new LibraryLoader(Engine.class.getClassLoader());
    ShippedClasses classes = new ShippedClasses(libraries);
    EngineJars jars = new EngineJars(EngineJars.defaultCache(), libraries);
    ShellStart shell = new ShellStart(libraries);
    EngineIo[] ioRef = new EngineIo[1];
    TaskRunner runner = new TaskRunner(options.label(), session, outbox, () -> ioRef[0].engineId(), classes, shell);
    Ref.resolveIn(name -> {
      try {
        return NamespaceOps.refValue(shell.get(), name, ioRef[0].engineId());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while JShell started", e);
      }
    });
    EngineIo io = new EngineIo(options, session, outbox, runner, classes, jars);
    ioRef[0] = io;
    Thread ioThread = new Thread(io, "jparallel-io-" + options.label());
    ioThread.setDaemon(true);
    Engine engine = new Engine(io, ioThread, shell, runner);
    if (options.parentPid() > 0) {
      Optional<ProcessHandle> parent = ProcessHandle.of(options.parentPid());
      if (parent.isEmpty() || !parent.get().isAlive()) {
        String why = "parent process " + options.parentPid() + " is not running";
        LOG.warn(options.label() + " not starting: " + why);
        throw new EngineStartException(why);
      }
      parent.get().onExit().thenRun(() -> io.requestExit(EXIT_PARENT_GONE,
          "parent process " + options.parentPid() + " ended"));
    }
    ioThread.start();
    try {
      io.registered().get(options.registrationTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof EngineStartException s ? s
          : new EngineStartException("engine failed to start: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      io.requestExit(EXIT_FATAL, "registration timed out");
      throw new EngineStartException("no registration reply in time");
    } catch (InterruptedException e) {
      io.requestExit(EXIT_FATAL, "interrupted while registering");
      Thread.currentThread().interrupt();
      throw new EngineStartException("interrupted while registering");
    }
    runner.start(); // JShell starts when a task needs it or the engine is idle (ShellStart)
    return engine;
  }

  /** The id the controller gave this engine. */
  public int engineId() {
    return io.engineId();
  }

  /** Completes with the exit code once the engine has stopped (by itself or by {@link #close()}). */
  public CompletableFuture<Integer> exited() {
    return io.exited();
  }

  /** Waits until the engine stops by itself and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    try {
      return io.exited().get();
    } catch (ExecutionException e) {
      return EXIT_FATAL;
    }
  }

  /** Stops the engine: the socket is closed, the worker and the JShell are stopped. */
  @Override
  public void close() {
    io.requestExit(EXIT_OK, "closed");
    try {
      io.exited().get(10, TimeUnit.SECONDS);
      ioThread.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // best effort
    }
  }

  /**
   * This host's address on the interface that routes to the controller (what another host
   * sees this engine as), found without sending anything: a UDP socket's local address once
   * connected. {@code InetAddress.getLocalHost()} would say 127.0.0.1 on many machines.
   */
  static String hostAddress(ConnectionInfo info) {
    String ip = info.ip();
    if (ConnectionInfo.isAnyAddress(ip) || ConnectionInfo.isLoopback(ip)) {
      return "127.0.0.1";
    }
    int port = info.enginePort() == null ? 9 : info.enginePort();
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
      probe.connect(InetAddress.getByName(ip), port);
      InetAddress local = probe.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? ip : local.getHostAddress();
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** Which launcher started this engine ({@code $JPARALLEL_LAUNCHER}), or "manual". */
  static String launcher() {
    String env = System.getenv("JPARALLEL_LAUNCHER");
    return env == null || env.isBlank() ? "manual" : env;
  }

  /** The batch job this engine runs in ({@code $SLURM_JOB_ID}), or "". */
  static String jobId() {
    String env = System.getenv("SLURM_JOB_ID");
    return env == null ? "" : env;
  }
}
