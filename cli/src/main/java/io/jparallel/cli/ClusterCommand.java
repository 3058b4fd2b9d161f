package io.jparallel.cli;

import io.jparallel.client.EngineStatus;
import io.jparallel.cluster.Cluster;
import io.jparallel.cluster.ClusterDaemon;
import io.jparallel.cluster.RunningCluster;
import io.jparallel.magics.LauncherOptions;
import io.jparallel.session.LaunchPlan;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Profiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jpar cluster start|stop|status}, like {@code ipcluster}: a thin front end over
 * {@code cluster}'s {@link Cluster}, {@link ClusterDaemon} and {@link RunningCluster}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Start, stop or list clusters.",
    subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start a controller and N engines (here, over ssh, as a Slurm job or with mpiexec); "
          + "with --daemon, return once the engines have registered.")
  static final class Start implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "-n", description = "number of engines (default: cores, at least 2; ssh: the sum of --hosts)")
    Integer engines;

    @Mixin
    LauncherOptions launcher;

    @Mixin
    SchedulerOptions scheduler;

    @Mixin
    ReliabilityOptions reliability;

    @Mixin
    RecordOptions records;

    @Option(names = "--daemon", description = "run in the background; return once the engines have registered")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
      String id = profile.clusterId == null ? "default" : profile.clusterId;
      launcher.validate();
      records.mode(); // bad flags fail here, not in the daemon
      records.resultBytes();
      Path clientFile = Profiles.clientFile(profile.profile, id);
      if (Files.exists(clientFile) && RunningCluster.isAlive(clientFile)) {
        System.err.println("jpar: cluster '" + id + "' is already running in profile '" + profile.profile
            + "' (jpar cluster stop" + (profile.clusterId == null ? "" : " --cluster-id " + id) + " first)");
        return 1;
      }
      if (daemon) {
        ClusterDaemon.Outcome o = ClusterDaemon.start(profile.profile, id, LaunchPlan.engines(launcher, engines), Main.class.getName(),
            daemonArgs(id), Duration.ofSeconds(launcher.timeoutSeconds()));
        (o.started() ? System.out : System.err).println(o.started() ? o.message() : "jpar: " + o.message());
        return o.started() ? 0 : 1;
      }
      Cluster c = reliability.apply(LaunchPlan.builder(launcher, engines).profile(profile.profile).clusterId(id)
          .scheme(scheduler.parsedScheme()).hwm(scheduler.hwm).db(records.mode()).resultLimit(records.resultBytes()))
          .start();
      System.out.println("cluster " + id + ": controller + " + c.size() + (c.size() == 1 ? " engine " : " engines ")
          + c.client().ids() + " ("
          + c.launcher().name() + ": " + c.launched() + ")");
      System.out.println("  connect with Client.connect() or --connect " + c.clientFile());
      System.out.flush();
      try {
        c.stopped().join();
      } catch (java.util.concurrent.CompletionException e) {
        System.err.println("jpar: " + e.getCause().getMessage());
        c.close();
        return 70; // the controller could not go on: exit rather than linger deaf
      }
      c.close();
      return 0;
    }

    /** This command's own arguments again, without --daemon, naming the cluster id. */
    private List<String> daemonArgs(String id) {
      List<String> all = spec.commandLine().getParseResult().originalArgs();
      int at = 0;
      for (int i = 0; i + 1 < all.size(); i++) {
        if (all.get(i).equals("cluster") && all.get(i + 1).equals("start")) {
          at = i + 2;
          break;
        }
      }
      List<String> args = new ArrayList<>(List.of("cluster", "start"));
      for (String a : all.subList(at, all.size())) {
        if (!a.equals("--daemon")) {
          args.add(a);
        }
      }
      if (profile.clusterId == null) {
        args.addAll(List.of("--cluster-id", id));
      }
      if (args.stream().noneMatch(a -> a.equals("--profile") || a.startsWith("--profile="))) {
        args.addAll(List.of("--profile", profile.profile));
      }
      return args;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop a cluster started with 'jpar cluster start', and its engines wherever they run.")
  static final class Stop implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() throws Exception {
      RunningCluster c = RunningCluster.of(profile.clientFile());
      if (!c.alive()) {
        c.removeStaleFiles();
        System.out.println("cluster " + c.info().clusterId() + " was not running; removed its stale connection files");
        return 0;
      }
      c.stop(Duration.ofSeconds(60));
      System.out.println("stopped cluster " + c.info().clusterId());
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "List the clusters of a profile and their engines (host, pid, launcher, Slurm job).")
  static final class Status implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() throws Exception {
      List<RunningCluster> all = RunningCluster.all(profile.profile);
      if (all.isEmpty()) {
        System.out.println("no clusters running in profile '" + profile.profile + "'");
        return 0;
      }
      for (RunningCluster c : all) {
        ConnectionInfo info = c.info();
        if (!c.alive()) {
          System.out.println(info.clusterId() + ": not running (stale connection file " + c.clientFile() + ")");
          continue;
        }
        try {
          Map<Integer, EngineStatus> status = c.engines();
          System.out.println(info.clusterId() + ": " + status.size() + (status.size() == 1 ? " engine at " : " engines at ") + info.clientAddress()
              + " (controller pid " + info.pid() + (info.curveEnabled() ? ", CurveZMQ" : "") + ")");
          for (EngineStatus s : status.values()) {
            System.out.println("  " + RunningCluster.describe(s));
          }
        } catch (RuntimeException e) {
          System.out.println(info.clusterId() + ": not answering (" + e.getMessage() + ")");
        }
      }
      return 0;
    }
  }
}
