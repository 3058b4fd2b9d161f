package io.jparallel.session;

import io.jparallel.cluster.Cluster;
import io.jparallel.cluster.Launcher;
import io.jparallel.cluster.Launchers;
import io.jparallel.cluster.SshLauncher;
import io.jparallel.magics.LauncherOptions;
import java.time.Duration;

/**
 * What {@link LauncherOptions} (the start flags {@code jpar cluster start} and {@code %cluster
 * start} share) mean for a cluster: the {@link Launcher} they name and the
 * {@link Cluster.Builder} settings.
 */
public final class LaunchPlan {
  private LaunchPlan() {}

  /** The launcher these flags name. */
  public static Launcher launcher(LauncherOptions o) {
    o.validate();
    return switch (o.kind()) {
      case "ssh" -> {
        SshLauncher s = Launchers.ssh(SshLauncher.parseHosts(o.hosts())).sshOptions(o.sshOptions()).shipJar(o.shipJar());
        s = o.remoteJava() == null ? s : s.remoteJava(o.remoteJava());
        yield o.remoteDir() == null ? s : s.remoteDir(o.remoteDir());
      }
      case "slurm" -> {
        var s = Launchers.slurm(o.slurmOptions().toArray(String[]::new));
        yield o.template() == null ? s : s.template(o.template());
      }
      case "mpi" -> {
        var m = Launchers.mpi(o.mpiOptions().toArray(String[]::new));
        yield o.mpiexec() == null ? m : m.mpiexec(o.mpiexec());
      }
      default -> Launchers.local();
    };
  }

  /** A builder with these settings and {@code engines} engines (null: the launcher's or the default count). */
  public static Cluster.Builder builder(LauncherOptions o, Integer engines) {
    Cluster.Builder b = Cluster.builder().launcher(launcher(o)).curve(o.curve());
    if (engines != null) {
      b.engines(engines);
    }
    if (o.ip() != null) {
      b.ip(o.ip());
    }
    if (o.location() != null) {
      b.location(o.location());
    }
    b.startTimeout(Duration.ofSeconds(o.timeoutSeconds()));
    return b;
  }

  /** The engines these flags imply when -n is not given (ssh: the hosts' sum), or the default count. */
  public static int engines(LauncherOptions o, Integer n) {
    if (n != null) {
      return n;
    }
    int implied = launcher(o).impliedEngines();
    return implied > 0 ? implied : Cluster.defaultEngines();
  }
}
