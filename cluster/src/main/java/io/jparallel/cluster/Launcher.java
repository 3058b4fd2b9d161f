package io.jparallel.cluster;

/**
 * Starts a cluster's engines somewhere: as child processes of this JVM ({@link Launchers#local()}),
 * over ssh, as a Slurm batch job, or through {@code mpiexec}. A {@link Cluster} starts its
 * controller, writes the engine connection file, then asks its launcher for the engines and
 * waits for them to register; {@link LaunchedEngines} says what was started, why a part
 * failed, and stops it all.
 */
public interface Launcher {
  /** local, ssh, slurm or mpi: what {@code jpar cluster status} shows for its engines. */
  String name();

  /** Whether engines run on other hosts (then they must not be told a loopback address); all but local do. */
  default boolean remote() {
    return true;
  }

  /**
   * Where the controller binds when the user did not say: loopback for local engines, the
   * address of the interface that routes to the first host for ssh, every interface for
   * Slurm and MPI (the default: their hosts are not known in advance).
   */
  default String defaultBindAddress() {
    return "0.0.0.0";
  }

  /** The engine count this launcher implies (ssh: the sum of its hosts' counts), or 0 for none. */
  default int impliedEngines() {
    return 0;
  }

  /** Starts {@code spec.count()} engines; failures to even start (ssh missing, sbatch refused) throw {@link LaunchException}. */
  LaunchedEngines launch(EngineSpec spec, Departures departures);
}
