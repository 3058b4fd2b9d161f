package io.jparallel.cli;

import io.jparallel.bench.BenchPlan;
import io.jparallel.bench.BenchReport;
import io.jparallel.bench.Benchmarks;
import io.jparallel.client.Client;
import io.jparallel.cluster.Cluster;
import io.jparallel.wire.Json;
import io.jparallel.wire.Profiles;
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
      description = "latency, throughput, map, single or all; several separated by commas")
  String what;

  @Option(names = {"-n", "--engines"}, defaultValue = "4", description = "engines of the cluster to start (default: ${DEFAULT-VALUE})")
  int engines;

  @Option(names = "--connect", description = "use the cluster of this client connection file instead of starting one")
  Path connect;

  @Option(names = "--view", defaultValue = "loadbalanced", description = "loadbalanced or direct (one engine)")
  String view;

  @Mixin
  SchedulerOptions scheduler;

  @Mixin
  RecordOptions records;


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

  @Override
  public Integer call() throws Exception {
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
      String id = "bench-" + ProcessHandle.current().pid();
      try (Cluster cluster = Cluster.builder().engines(engines).clusterId(id)
          .scheme(scheduler.parsedScheme()).hwm(scheduler.hwm).db(records.mode()).resultLimit(records.resultBytes())
          .start()) {
        report = plan.run(cluster.client());
      } finally {
        Profiles.deleteTaskDb(Profiles.DEFAULT, id); // a benchmark's records are of no use later
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

  @Override
  public String toString() {
    return "bench " + what + " " + Arrays.toString(latencyN);
  }
}
