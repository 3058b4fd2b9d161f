package io.jparallel.cluster;

import io.jparallel.engine.Engine;
import io.jparallel.jvm.JvmOptions;
import io.jparallel.wire.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One supervised engine process started by a launcher (an engine JVM, or the ssh session
 * running one on another host): when it exits the launcher is told at once; an engine that
 * exits with {@link Engine#EXIT_ABORT_TIMEOUT} (it did not stop an aborted task within the
 * grace period) is started again under the same engine id.
 */
final class EngineProcess {
  private static final String SETSID = "/usr/bin/setsid";
  private static final Log LOG = Log.of("cluster");

  private final int id;
  private final List<String> command;
  private final Path log;
  private final BiConsumer<EngineProcess, Integer> onExit;
  private volatile Process process;
  private volatile boolean stopping;
  private java.util.Map<String, String> env = java.util.Map.of();
  private boolean restartable = true;

  EngineProcess(int id, List<String> command, Path log, BiConsumer<EngineProcess, Integer> onExit) {
    this.id = id;
    this.command = List.copyOf(command);
    this.log = log;
    this.onExit = onExit;
  }

  /** The local engine JVM's command: this JVM's java, the engine class path, the parent watch. */
  static List<String> command(String clusterId, Path engineFile, int id, List<String> jvmOptions) {
    List<String> cmd = new ArrayList<>();
    if (new java.io.File(SETSID).canExecute()) {
      cmd.add(SETSID); // a session of its own: Ctrl-C in the launcher's terminal does not reach engines
    }
    EngineSpec spec = new EngineSpec(clusterId, 1, null, engineFile, jvmOptions, engineFile.getParent(), null);
    String classPath = EngineClasspath.get();
    // on this host: the class data archive the jpar script made for this jar, if it did
    cmd.addAll(spec.engineCommand(JvmOptions.java().toString(), classPath,
        JvmOptions.classSharing(JvmOptions.java(), classPath)));
    cmd.addAll(List.of("--file", engineFile.toString(), "--id", Integer.toString(id),
        "--parent-pid", Long.toString(ProcessHandle.current().pid())));
    return cmd;
  }

  /** Whether exit code 75 starts it again (an engine or its ssh session; not mpiexec). */
  EngineProcess restartable(boolean on) {
    this.restartable = on;
    return this;
  }

  /** Extra environment variables of the process (the launcher's name for the engine to report). */
  EngineProcess environment(java.util.Map<String, String> env) {
    this.env = java.util.Map.copyOf(env);
    return this;
  }

  synchronized void start() {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.environment().putAll(env);
      Process p = pb.start();
      process = p;
      p.onExit().thenAccept(this::exited);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start engine " + id + ": " + e.getMessage(), e);
    }
  }

  private void exited(Process p) {
    int code = p.exitValue();
    if (stopping) {
      return;
    }
    onExit.accept(this, code);
    if (restarts(code)) {
      LOG.warn("engine " + id + " did not stop an aborted task in time; restarting it (its namespace is lost)");
      start();
    }
  }

  /** Whether an exit with {@code code} starts it again under its id. */
  boolean restarts(int code) {
    return code == Engine.EXIT_ABORT_TIMEOUT && restartable;
  }

  int id() {
    return id;
  }

  long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  boolean stopping() {
    return stopping;
  }

  /** The exit code once it ended, else empty. */
  java.util.OptionalInt exitCode() {
    Process p = process;
    return p == null || p.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(p.exitValue());
  }

  boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  Path log() {
    return log;
  }

  /** Asks the process to end; {@link #awaitStop} makes sure it did. */
  void stop() {
    stopping = true;
    Process p = process;
    if (p != null) {
      p.destroy();
    }
  }

  void awaitStop(long millis) {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      if (!p.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
