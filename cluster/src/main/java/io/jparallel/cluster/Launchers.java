package io.jparallel.cluster;

import java.util.List;
import java.util.Map;

/**
 * The launchers: where a {@link Cluster}'s engines run.
 *
 * <pre>{@code
 * Cluster.builder().engines(4).launcher(Launchers.slurm("--partition=debug")).start();
 * Cluster.builder().launcher(Launchers.ssh(Map.of("h1", 4, "h2", 4))).start();
 * Cluster.builder().engines(8).launcher(Launchers.mpi("--hostfile", "hosts")).start();
 * }</pre>
 */
public final class Launchers {
  private Launchers() {}

  /** Engine JVMs on this host, children of this process (the default). */
  public static Launcher local() {
    return new LocalLauncher();
  }

  /** Engines over ssh, {@code hosts} mapping each host to its number of engines (iteration order kept). */
  public static SshLauncher ssh(Map<String, Integer> hosts) {
    return new SshLauncher(hosts, List.of(), null, null, false);
  }

  /** Engines as one Slurm batch job; each option is one argument to sbatch ({@code --partition=debug}). */
  public static SlurmLauncher slurm(String... sbatchOptions) {
    return new SlurmLauncher(List.of(sbatchOptions), null, Map.of());
  }

  /** Engines as the ranks of {@code mpiexec -n N}; each option is one argument to mpiexec. */
  public static MpiLauncher mpi(String... mpiexecOptions) {
    return new MpiLauncher(List.of(mpiexecOptions), null, Map.of());
  }

  /** By name, as {@code --engines} gives it: local, ssh (needs hosts: use {@link #ssh}), slurm, mpi. */
  public static Launcher named(String name) {
    return switch (name) {
      case LocalLauncher.NAME -> local();
      case SlurmLauncher.NAME -> slurm();
      case MpiLauncher.NAME -> mpi();
      case SshLauncher.NAME -> throw new IllegalArgumentException("--engines ssh needs --hosts h1:N,h2:N");
      default -> throw new IllegalArgumentException("unknown launcher '" + name + "' (expected local, ssh, slurm or mpi)");
    };
  }
}
