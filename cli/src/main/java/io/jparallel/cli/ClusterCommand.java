package io.jparallel.cli;

import io.jparallel.client.Client;
import io.jparallel.client.EngineStatus;
import io.jparallel.cluster.Cluster;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Profiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jpar cluster start|stop|status}, like {@code ipcluster}. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Start, stop or list local clusters.",
    subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start a controller and N engines; with --daemon, return once the engines have registered.")
  static final class Start implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Option(names = {"-n", "--engines"}, description = "number of engines (default: cores, at least 2)")
    Integer engines;

    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String ip;

    @Mixin
    SchedulerOptions scheduler;

    @Mixin
    RecordOptions records;

    @Option(names = "--daemon", description = "run in the background; return once the engines have registered")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
      String id = profile.clusterId == null ? "default" : profile.clusterId;
      records.mode(); // bad flags fail here, not in the daemon
      records.resultBytes();
      int n = engines == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : engines;
      Path clientFile = Profiles.clientFile(profile.profile, id);
      if (Files.exists(clientFile) && Running.isAlive(clientFile)) {
        System.err.println("jpar: cluster '" + id + "' is already running in profile '" + profile.profile
            + "' (jpar cluster stop" + (profile.clusterId == null ? "" : " --cluster-id " + id) + " first)");
        return 1;
      }
      if (daemon) {
        return Daemon.start(profile.profile, id, n, ip, scheduler, records);
      }
      Cluster c = Cluster.builder().engines(n).profile(profile.profile).clusterId(id).ip(ip)
          .scheme(scheduler.parsedScheme()).hwm(scheduler.hwm).db(records.mode()).resultLimit(records.resultBytes())
          .start();
      System.out.println("cluster " + id + ": controller + " + n + " engines " + c.client().ids() + " (pids "
          + c.enginePids() + ")");
      System.out.println("  connect with Client.connect() or --connect " + c.clientFile());
      System.out.flush();
      c.stopped().join();
      c.close();
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a cluster started with 'jpar cluster start'.")
  static final class Stop implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() throws Exception {
      Path file = profile.clientFile();
      ConnectionInfo info = ConnectionInfo.read(file);
      if (!Running.isAlive(file)) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName().toString().replaceFirst("^client-", "engine-")));
        System.out.println("cluster " + info.clusterId() + " was not running; removed its stale connection files");
        return 0;
      }
      try (Client rc = Client.connect(file)) {
        rc.shutdown(true);
      }
      if (info.pid() != null) {
        ProcessHandle.of(info.pid()).ifPresent(p -> {
          try {
            p.onExit().get(15, TimeUnit.SECONDS);
          } catch (Exception e) {
            p.destroy();
          }
        });
      }
      System.out.println("stopped cluster " + info.clusterId());
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "List the clusters of a profile and their engines.")
  static final class Status implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() throws Exception {
      List<Path> files = Profiles.connectionFiles(profile.profile, "client");
      if (files.isEmpty()) {
        System.out.println("no clusters running in profile '" + profile.profile + "'");
        return 0;
      }
      for (Path f : files) {
        ConnectionInfo info = ConnectionInfo.read(f);
        if (!Running.isAlive(f)) {
          System.out.println(info.clusterId() + ": not running (stale connection file " + f + ")");
          continue;
        }
        try (Client rc = Client.connect(f)) {
          Map<Integer, EngineStatus> status = rc.queueStatus();
          System.out.println(info.clusterId() + ": " + status.size() + " engines at " + info.clientAddress()
              + " (controller pid " + info.pid() + ")");
          for (EngineStatus s : status.values()) {
            System.out.println("  engine " + s.engineId() + ": pid " + s.pid() + ", " + s.queue() + " queued, "
                + s.completed() + " completed");
          }
        } catch (RuntimeException e) {
          System.out.println(info.clusterId() + ": not answering (" + e.getMessage() + ")");
        }
      }
      return 0;
    }
  }

  /** Whether the process that wrote a connection file still runs. */
  static final class Running {
    private Running() {}

    static boolean isAlive(Path clientFile) {
      try {
        ConnectionInfo info = ConnectionInfo.read(clientFile);
        return info.pid() == null || ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** Starts {@code jpar cluster start} again as a detached process and waits for its engines. */
  static final class Daemon {
    private Daemon() {}

    static int start(String profile, String id, int n, String ip, SchedulerOptions scheduler, RecordOptions records)
        throws Exception {
      Path log = Profiles.logs(profile).resolve("cluster-" + id + ".log");
      Files.createDirectories(log.getParent());
      List<String> cmd = new ArrayList<>();
      if (new File("/usr/bin/setsid").canExecute()) {
        cmd.add("/usr/bin/setsid");
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Djparallel.role=controller");
      cmd.add("-Djparallel.cluster=" + id);
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:PretenureSizeThreshold=512k");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.addAll(List.of("cluster", "start", "--profile", profile, "--cluster-id", id, "-n", Integer.toString(n), "--ip", ip,
          "--scheme", scheduler.scheme, "--hwm", Integer.toString(scheduler.hwm)));
      cmd.addAll(records.args());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      Path clientFile = Profiles.clientFile(profile, id);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          System.err.println("jpar: the cluster exited while starting (code " + p.exitValue() + "); see " + log);
          return 1;
        }
        if (Files.exists(clientFile)) {
          try (Client rc = Client.connect(clientFile)) {
            rc.waitForEngines(n, Duration.ofSeconds(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L)));
            System.out.println("cluster " + id + " started: " + rc.ids().size() + " engines, controller pid " + p.pid()
                + "; log " + log);
            return 0;
          } catch (RuntimeException e) {
            if (!p.isAlive()) {
              continue;
            }
            throw e;
          }
        }
        Thread.sleep(100);
      }
      p.destroy();
      System.err.println("jpar: the cluster did not start within 120 s; see " + log);
      return 1;
    }
  }
}
