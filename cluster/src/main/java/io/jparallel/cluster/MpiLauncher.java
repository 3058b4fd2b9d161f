package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import io.jparallel.engine.EngineMain;
import io.jparallel.jvm.JvmOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engines as the ranks of one {@code mpiexec -n N}, Open MPI's or MPICH's (Hydra), told apart
 * by {@code mpiexec --version}; each engine asks for its rank as its id. The connection
 * travels in {@code $JPARALLEL_CONNECTION_INFO} (Open MPI forwards it with {@code -x}, Hydra
 * forwards the environment by default). When mpiexec exits its engines are gone; stopping
 * ends mpiexec, which takes its ranks on every host with it.
 */
public final class MpiLauncher implements Launcher {
  static final String NAME = "mpi";

  /** Which MPI's mpiexec this is. */
  enum Flavor { OPEN_MPI, MPICH, OTHER }

  private final List<String> mpiexecOptions;
  private final String mpiexec;
  private final Map<String, String> environment;

  MpiLauncher(List<String> mpiexecOptions, String mpiexec, Map<String, String> environment) {
    this.mpiexecOptions = List.copyOf(mpiexecOptions);
    this.mpiexec = mpiexec == null ? "mpiexec" : mpiexec;
    this.environment = Map.copyOf(environment);
  }

  /** The mpiexec to run (default {@code mpiexec}; {@code mpiexec.openmpi}, {@code mpiexec.hydra}). */
  public MpiLauncher mpiexec(String command) {
    return new MpiLauncher(mpiexecOptions, command, environment);
  }

  /** Extra environment of mpiexec and so of the engines. */
  public MpiLauncher environment(Map<String, String> env) {
    return new MpiLauncher(mpiexecOptions, mpiexec, env);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String toString() {
    return "mpi " + mpiexec + " " + mpiexecOptions;
  }

  Flavor flavor() {
    Exec.Result r = Exec.run(List.of(mpiexec, "--version"), environment, Duration.ofSeconds(20));
    String text = r.stdout() + r.stderr();
    if (r.code() == -1 && text.contains("could not run")) {
      throw new LaunchException(mpiexec + " not found: install Open MPI or MPICH, or pass --mpiexec PATH");
    }
    if (text.contains("Open MPI") || text.contains("OpenRTE")) {
      return Flavor.OPEN_MPI;
    }
    return text.contains("HYDRA") || text.contains("MPICH") ? Flavor.MPICH : Flavor.OTHER;
  }

  List<String> command(EngineSpec spec, Flavor flavor) {
    List<String> cmd = new ArrayList<>();
    cmd.add(mpiexec);
    if (flavor == Flavor.OPEN_MPI) {
      cmd.addAll(List.of("-x", EngineMain.CONNECTION_ENV, "-x", "JPARALLEL_LAUNCHER"));
    }
    cmd.addAll(mpiexecOptions);
    cmd.addAll(List.of("-n", Integer.toString(spec.count())));
    cmd.addAll(spec.engineCommand(JvmOptions.java().toString(), EngineClasspath.get()));
    return cmd;
  }

  @Override
  public LaunchedEngines launch(EngineSpec spec, Departures departures) {
    Flavor flavor = flavor();
    Map<String, String> env = new HashMap<>(environment);
    env.put("JPARALLEL_LAUNCHER", NAME);
    env.put(EngineMain.CONNECTION_ENV, spec.connection().toJson());
    EngineProcess p = new EngineProcess(0, command(spec, flavor), spec.log("mpiexec"),
        (e, code) -> departures.gone(s -> s.launcher().equals(NAME),
            "mpiexec (pid " + e.pid() + ") exited with code " + code)).environment(env).restartable(false);
    p.start();
    return new Run(p, flavor, spec.count());
  }

  /** The running mpiexec. */
  private static final class Run implements LaunchedEngines {
    private final EngineProcess mpiexec;
    private final Flavor flavor;
    private final int n;

    Run(EngineProcess mpiexec, Flavor flavor, int n) {
      this.mpiexec = mpiexec;
      this.flavor = flavor;
      this.n = n;
    }

    @Override
    public List<Part> parts() {
      return List.of(new Part("", mpiexec.pid(), "", "mpiexec -n " + n + " (" + flavor + ", pid " + mpiexec.pid() + ")"));
    }

    @Override
    public Optional<String> failure(Collection<EngineStatus> registered) {
      if (mpiexec.exitCode().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of("mpiexec exited with code " + mpiexec.exitCode().getAsInt() + " before its " + n
          + (n == 1 ? " engine registered" : " engines registered") + LogTail.describe(mpiexec.log(), 4));
    }

    @Override
    public String pending(Collection<EngineStatus> registered) {
      long joined = registered.stream().filter(s -> s.launcher().equals(NAME)).count();
      return "mpiexec (pid " + mpiexec.pid() + ") " + (mpiexec.alive() ? "running" : "exited") + ", " + joined + " of "
          + n + " ranks registered" + LogTail.describe(mpiexec.log(), 3);
    }

    @Override
    public void stop() {
      mpiexec.stop();
      mpiexec.awaitStop(10_000); // SIGTERM: mpiexec ends its ranks on every host, then itself
    }
  }
}
