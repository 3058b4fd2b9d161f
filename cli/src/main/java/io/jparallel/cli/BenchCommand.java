package io.jparallel.cli;

import io.jparallel.bench.BenchPlan;
import io.jparallel.bench.BenchReport;
import io.jparallel.bench.Benchmarks;
import io.jparallel.client.Client;
import io.jparallel.cluster.Cluster;
import io.jparallel.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpar bench}: IPython parallel's documented benchmarks, same method and JSON schema
 * as ../shared/anchors/ipyparallel/bench.py, on a cluster it starts (and stops) or one it
 * connects to.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the seed benchmarks (latency, throughput, map, single; 'all' = every one) and print JSON-able results.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "all", paramLabel = "WHAT",
      description = "latency, throughput, map, single or all; several separated by commas; or soak")
  String what;

  @Option(names = {"-n", "--engines"}, defaultValue = "4", description = "engines of the cluster to start (default: ${DEFAULT-VALUE})")
  int engines;

  @Option(names = "--connect", description = "use the cluster of this client connection file instead of starting one")
  Path connect;

  @Option(names = "--view", defaultValue = "loadbalanced", description = "loadbalanced or direct (one engine)")
  String view;

  @Mixin
  SchedulerOptions scheduler;


  @Option(names = "--json", description = "write the results here (the schema of ../shared/anchors)")
  Path json;

  @Option(names = "--plot", description = "write a PNG chart of the results here")
  Path plot;

  @Option(names = "--latency-n", split = ",", description = "task counts for latency (default: 16,64,256,1024,4096)")
  int[] latencyN;

  @Option(names = "--sizes", split = ",", description = "message sizes in bytes for throughput (default: 8 B ... 4 MiB)")
  long[] sizes;

  @Option(names = "--count", defaultValue = "100", description = "messages per throughput size (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--map-dt", split = ",", description = "task durations in ms for map (default: 1,2,...,128)")
  int[] mapDt;

  @Option(names = "--map-n", defaultValue = "0", description = "tasks per map (default: 16 per engine)")
  int mapN;

  @Option(names = "--single", defaultValue = "500", description = "sequential calls for 'single' (default: ${DEFAULT-VALUE})")
  int single;

  @Option(names = "--no-warmup", description = "skip the JIT warm-up round")
  boolean noWarmup;

  @Option(names = "--label", defaultValue = "", description = "free text kept in the JSON")
  String label;

  @Option(names = "--tasks", defaultValue = "1000000", description = "tasks per phase of 'soak' (default: ${DEFAULT-VALUE})")
  int tasks;

  @Mixin
  ReliabilityOptions reliability;

  @Override
  public Integer call() throws Exception {
    if ("soak".equals(what)) {
      return soak();
    }
    Benchmarks.ViewKind kind = Benchmarks.ViewKind.valueOf(view.toUpperCase(Locale.ROOT));
    BenchPlan d = BenchPlan.defaults(BenchPlan.Part.parse(what), kind);
    BenchPlan plan = new BenchPlan(d.parts(), kind, latencyN == null ? d.latencyN() : latencyN,
        sizes == null ? d.sizes() : sizes, count, mapDt == null ? d.mapDtMs() : mapDt, mapN, single, !noWarmup,
        label.isEmpty() ? "scheme=" + scheduler.scheme + " hwm=" + scheduler.hwm : label);
    BenchReport report;
    if (connect != null) {
      try (Client rc = Client.connect(connect)) {
        report = plan.withLabel(label).run(rc);
      }
    } else {
      try (Cluster cluster = reliability.apply(Cluster.builder().engines(engines)
          .clusterId("bench-" + ProcessHandle.current().pid()).scheme(scheduler.parsedScheme()).hwm(scheduler.hwm))
          .start()) {
        report = plan.run(cluster.client());
      }
    }
    System.out.print(report.table());
    if (json != null) {
      Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      System.out.println("wrote " + json);
    }
    if (plot != null) {
      io.jparallel.bench.BenchCharts.write(report, plot);
      System.out.println("wrote " + plot);
    }
    return 0;
  }

  /**
   * {@code jpar bench soak}: the controller and engines run in a cluster process of their own
   * (so the client's and the controller's heaps are measured apart), started as
   * {@code jpar cluster start --daemon} would and stopped at the end.
   */
  private int soak() throws Exception {
    String id = "soak-" + ProcessHandle.current().pid();
    String profile = io.jparallel.wire.Profiles.DEFAULT;
    if (ClusterCommand.Daemon.start(profile, id, engines, "127.0.0.1", scheduler, reliability) != 0) {
      return 1;
    }
    Path clientFile = io.jparallel.wire.Profiles.clientFile(profile, id);
    io.jparallel.wire.ConnectionInfo info = io.jparallel.wire.ConnectionInfo.read(clientFile);
    long pid = info.pid();
    io.jparallel.bench.Soak.Report report;
    try (Client rc = Client.connect(clientFile)) {
      report = new io.jparallel.bench.Soak(rc, () -> heapAfterGc(pid)).run(tasks);
      rc.shutdown(true);
    } finally {
      ProcessHandle.of(pid).ifPresent(p -> {
        try {
          p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroy();
        }
      });
    }
    System.out.print(io.jparallel.bench.Soak.table(report));
    if (json != null) {
      Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      System.out.println("wrote " + json);
    }
    boolean ok = report.phases().stream().allMatch(io.jparallel.bench.Soak.Phase::sumOk);
    return ok ? 0 : 1;
  }

  /** A process's heap in use after a GC, by the JDK's own jcmd; -1 if it cannot tell. */
  static long heapAfterGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      long used = 0;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(generation|heap)\\s+total \\d+K, used (\\d+)K")
          .matcher(out);
      while (m.find()) {
        used += Long.parseLong(m.group(2)) * 1024;
      }
      return used == 0 ? -1 : used;
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public String toString() {
    return "bench " + what + " " + Arrays.toString(latencyN);
  }
}
