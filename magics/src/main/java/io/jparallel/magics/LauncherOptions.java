package io.jparallel.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where a started cluster's engines run and how they reach it: the flags {@code jpar cluster
 * start} and {@code %cluster start} share (a picocli mixin). Only flags live here (this
 * module knows no cluster); {@code session}'s {@code LaunchPlan} turns them into a launcher
 * and cluster builder settings.
 */
public final class LauncherOptions {
  @Option(names = "--engines", paramLabel = "KIND",
      description = "Where engines run: local (default), ssh, slurm or mpi.")
  String kind = "local";

  @Option(names = "--hosts", paramLabel = "H:N,...", description = "ssh: hosts and engines per host (h1:4,h2:4).")
  String hosts;

  @Option(names = "--ssh-opt", paramLabel = "OPT", description = "ssh: one argument passed to ssh (--ssh-opt=-F --ssh-opt=FILE); repeatable.")
  List<String> sshOptions = new ArrayList<>();

  @Option(names = "--remote-java", paramLabel = "PATH", description = "ssh: java on the hosts (default: this java's path).")
  String remoteJava;

  @Option(names = "--remote-dir", paramLabel = "DIR", description = "ssh: where --ship-jar puts the jar (default: ~/.jparallel/lib).")
  String remoteDir;

  @Option(names = "--ship-jar", description = "ssh: copy the jar to each host (once, by content hash) instead of assuming a shared file system.")
  boolean shipJar;

  @Option(names = "--slurm-opt", paramLabel = "OPT", description = "slurm: one argument passed to sbatch (--slurm-opt=--partition=debug); repeatable.")
  List<String> slurmOptions = new ArrayList<>();

  @Option(names = "--template", paramLabel = "FILE",
      description = "slurm: job script template ({n}, {job_name}, {output}, {engine_command} are filled in).")
  Path template;

  @Option(names = "--mpi-opt", paramLabel = "OPT", description = "mpi: one argument passed to mpiexec; repeatable.")
  List<String> mpiOptions = new ArrayList<>();

  @Option(names = "--mpiexec", paramLabel = "CMD", description = "mpi: the mpiexec to run (default: mpiexec).")
  String mpiexec;

  @Option(names = "--ip", paramLabel = "ADDR",
      description = "Address the controller binds (default: loopback for local, the interface routing to the first host for ssh, all for slurm/mpi).")
  String ip;

  @Option(names = "--location", paramLabel = "ADDR", description = "Address engines dial, written into the engine connection file (default: the bound one).")
  String location;

  @Option(names = "--curve", description = "CurveZMQ on loopback too (beyond loopback it is always on).")
  boolean curve;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for every engine to register (default: 120).")
  Integer timeoutSeconds;

  /** Checks the combination of flags; the message is the one line a user sees. */
  public void validate() {
    String k = kind.toLowerCase(Locale.ROOT);
    if (!List.of("local", "ssh", "slurm", "mpi").contains(k)) {
      throw new IllegalArgumentException("--engines must be local, ssh, slurm or mpi, not '" + kind + "'");
    }
    if (k.equals("ssh") && hosts == null) {
      throw new IllegalArgumentException("--engines ssh needs --hosts h1:N,h2:N");
    }
    if (!k.equals("ssh") && (hosts != null || !sshOptions.isEmpty() || remoteJava != null || remoteDir != null || shipJar)) {
      throw new IllegalArgumentException("--hosts, --ssh-opt, --remote-java, --remote-dir and --ship-jar are for --engines ssh");
    }
    if (!k.equals("slurm") && (!slurmOptions.isEmpty() || template != null)) {
      throw new IllegalArgumentException("--slurm-opt and --template are for --engines slurm");
    }
    if (!k.equals("mpi") && (!mpiOptions.isEmpty() || mpiexec != null)) {
      throw new IllegalArgumentException("--mpi-opt and --mpiexec are for --engines mpi");
    }
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second");
    }
  }

  public String kind() { return kind.toLowerCase(Locale.ROOT); }

  public String hosts() { return hosts; }

  public List<String> sshOptions() { return List.copyOf(sshOptions); }

  public String remoteJava() { return remoteJava; }

  public String remoteDir() { return remoteDir; }

  public boolean shipJar() { return shipJar; }

  public List<String> slurmOptions() { return List.copyOf(slurmOptions); }

  public Path template() { return template; }

  public List<String> mpiOptions() { return List.copyOf(mpiOptions); }

  public String mpiexec() { return mpiexec; }

  public String ip() { return ip; }

  public String location() { return location; }

  public boolean curve() { return curve; }

  /** The start timeout in seconds. */
  public int timeoutSeconds() {
    return timeoutSeconds == null ? 120 : timeoutSeconds;
  }
}
