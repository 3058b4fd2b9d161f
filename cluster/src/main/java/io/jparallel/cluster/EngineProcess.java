package io.jparallel.cluster;

import io.jparallel.engine.Engine;
import io.jparallel.wire.EngineClasspath;
import io.jparallel.wire.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One engine JVM started by a launcher, supervised: when it exits the launcher is told at
 * once; an engine that exits with {@link Engine#EXIT_ABORT_TIMEOUT} (it did not stop an aborted
 * task within the grace period) is started again under the same engine id.
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

  EngineProcess(int id, List<String> command, Path log, BiConsumer<EngineProcess, Integer> onExit) {
    this.id = id;
    this.command = List.copyOf(command);
    this.log = log;
    this.onExit = onExit;
  }

  static List<String> command(String clusterId, Path engineFile, int id, List<String> jvmOptions) {
    List<String> cmd = new ArrayList<>();
    if (new java.io.File(SETSID).canExecute()) {
      cmd.add(SETSID); // a session of its own: Ctrl-C in the launcher's terminal does not reach engines
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djparallel.role=engine");
    cmd.add("-Djparallel.cluster=" + clusterId);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(EngineClasspath.get());
    cmd.add("io.jparallel.engine.EngineMain");
    cmd.add("--file");
    cmd.add(engineFile.toString());
    cmd.add("--id");
    cmd.add(Integer.toString(id));
    cmd.add("--parent-pid");
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    return cmd;
  }

  synchronized void start() {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE);
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
    if (code == Engine.EXIT_ABORT_TIMEOUT) {
      LOG.warn("engine " + id + " did not stop an aborted task in time; restarting it (its namespace is lost)");
      start();
    }
  }

  int id() {
    return id;
  }

  long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
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
