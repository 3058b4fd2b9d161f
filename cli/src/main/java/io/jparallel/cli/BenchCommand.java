package io.jparallel.cli;

import io.jparallel.bench.BenchPlan;
import io.jparallel.bench.BenchReport;
import io.jparallel.client.Client;
import io.jparallel.cluster.Cluster;
import io.jparallel.magics.BenchOptions;
import io.jparallel.session.BenchRequest;
import io.jparallel.wire.Profiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jpar bench}: IPython parallel's documented benchmarks (latency, throughput, map,
 * single), same method and JSON schema as its {@code bench.py}, on a cluster it starts (and
 * stops) or one it connects to. The benchmark flags are {@code %bench}'s ({@link BenchOptions},
 * mixed in; every benchmark when none is named); this command adds where the cluster comes from.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = SoakCommand.class,
    description = "Run the seed benchmarks (latency, throughput, map, granularity, single, hops; 'all' = every one) and "
        + "print JSON-able results.")
final class BenchCommand implements Callable<Integer> {
  @Mixin
  BenchOptions bench = BenchOptions.allByDefault();

  @Option(names = {"-n", "--engines"}, defaultValue = "4", description = "engines of the cluster to start (default: ${DEFAULT-VALUE})")
  int engines;

  @Option(names = "--connect", description = "use the cluster of this client connection file instead of starting one")
  Path connect;

  @Mixin
  SchedulerOptions scheduler;

  @Mixin
  RecordOptions records;

  @Option(names = "--curve", description = "CurveZMQ on the started cluster's sockets (its client then goes over TCP too)")
  boolean curve;

  @Mixin
  ReliabilityOptions reliability;

  @Override
  public Integer call() throws Exception {
    bench.validate();
    BenchPlan plan = BenchRequest.plan(bench);
    BenchReport report;
    if (connect != null) {
      try (Client rc = Client.connect(connect)) {
        report = plan.run(rc);
      }
    } else {
      if (bench.label().isEmpty()) {
        plan = plan.withLabel("scheme=" + scheduler.scheme + " hwm=" + scheduler.hwm);
      }
      if (curve) {
        System.setProperty("jparallel.inproc", "false"); // the client's messages go through CURVE as well
      }
      long t0 = System.nanoTime();
      String id = "bench-" + ProcessHandle.current().pid();
      try (Cluster cluster = reliability.apply(Cluster.builder().engines(engines).clusterId(id)
          .scheme(scheduler.parsedScheme()).hwm(scheduler.hwm).curve(curve).db(records.mode())
          .resultLimit(records.resultBytes())).start()) {
        System.out.printf(Locale.ROOT, "cluster of %d engines registered in %.1f s%s%n", engines, (System.nanoTime() - t0) / 1e9,
            curve ? " (CurveZMQ)" : "");
        report = plan.run(cluster.client());
      } finally {
        Profiles.deleteTaskDb(Profiles.DEFAULT, id); // a benchmark's records are of no use later
      }
    }
    System.out.print(report.table() + BenchRequest.granularity(bench.kinds(), report));
    for (Path written : BenchRequest.save(report, bench)) {
      System.out.println("wrote " + written);
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      // what this JVM (the client, and the controller it embeds) spent, warm-up included: a cost that
      // load on a shared machine moves much less than it moves rates
      System.out.printf("cpu        %.0f ms of this JVM's CPU (client and controller)%n", os.getProcessCpuTime() / 1e6);
    }
    return 0;
  }

  @Override
  public String toString() {
    return "bench " + bench.kinds();
  }
}
