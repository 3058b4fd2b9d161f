package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engines as child JVMs of this process, supervised: an engine that exits is reported at once,
 * one that exits with code 75 (an aborted task would not stop) is restarted under its id, and
 * each one watches this process ({@code --parent-pid}) so none outlives it.
 */
final class LocalLauncher implements Launcher {
  static final String NAME = "local";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public String defaultBindAddress() {
    return "127.0.0.1";
  }

  /**
   * JVMs booting at once: more only make each slower (64 at once on 2 cores starve the
   * controller too); the next starts as soon as one has registered.
   */
  static int booting() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  @Override
  public LaunchedEngines launch(EngineSpec spec, Departures departures) {
    Started started = new Started();
    int first = Math.min(spec.count(), booting());
    for (int i = 0; i < first; i++) {
      startOne(spec, departures, started, i);
    }
    if (first < spec.count()) {
      Thread rest = new Thread(() -> {
        int next = first;
        while (next < spec.count() && !started.stopped) {
          int registered;
          try {
            registered = spec.registered().getAsInt();
          } catch (RuntimeException e) {
            return; // the cluster is stopping
          }
          while (next < spec.count() && next - registered < booting()) {
            startOne(spec, departures, started, next++);
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "jparallel-engine-starter");
      rest.setDaemon(true);
      rest.start();
    }
    return started;
  }

  private static void startOne(EngineSpec spec, Departures departures, Started started, int i) {
    EngineProcess p = new EngineProcess(i, EngineProcess.command(spec.clusterId(), spec.engineFile(), i, spec.jvmOptions()),
        spec.log(Integer.toString(i)), (e, code) -> {
          departures.gone(s -> s.pid() == e.pid() && (s.launcher().equals(NAME) || s.launcher().isEmpty()),
              "its process (pid " + e.pid() + ") exited with code " + code);
          departures.exited(e.pid(), code, e.restarts(code));
        })
        .environment(Map.of("JPARALLEL_LAUNCHER", NAME));
    started.start(p);
  }

  @Override
  public String toString() {
    return NAME;
  }

  /** The local engine processes. */
  private static final class Started implements LaunchedEngines {
    private final List<EngineProcess> engines = new ArrayList<>();
    private volatile boolean stopped;

    /** Starts an engine unless stopping (under the lock {@link #stop()} takes: none starts after it). */
    synchronized void start(EngineProcess p) {
      if (!stopped) {
        engines.add(p);
        p.start();
      }
    }

    private synchronized List<EngineProcess> snapshot() {
      return new ArrayList<>(engines);
    }

    @Override
    public List<Part> parts() {
      List<Part> out = new ArrayList<>();
      for (EngineProcess p : snapshot()) {
        out.add(new Part("127.0.0.1", p.pid(), "", "engine " + p.id() + " (pid " + p.pid() + ")"));
      }
      return out;
    }

    @Override
    public Optional<String> failure(Collection<EngineStatus> registered) {
      for (EngineProcess p : snapshot()) {
        if (!p.alive() && p.pid() > 0 && p.exitCode().isPresent()
            && registered.stream().noneMatch(s -> s.pid() == p.pid())) {
          return Optional.of("engine " + p.id() + " exited while starting (code " + p.exitCode().getAsInt() + ")"
              + LogTail.describe(p.log(), 5));
        }
      }
      return Optional.empty();
    }

    @Override
    public String pending(Collection<EngineStatus> registered) {
      List<String> missing = new ArrayList<>();
      for (EngineProcess p : snapshot()) {
        if (registered.stream().noneMatch(s -> s.pid() == p.pid())) {
          missing.add("engine " + p.id() + " (pid " + p.pid() + (p.alive() ? ", running" : ", exited") + ")"
              + LogTail.describe(p.log(), 3));
        }
      }
      return String.join("; ", missing);
    }

    @Override
    public void stop() {
      synchronized (this) {
        stopped = true;
      }
      List<EngineProcess> all = snapshot();
      all.forEach(EngineProcess::stop);
      all.forEach(p -> p.awaitStop(3000));
    }
  }
}
