package io.jparallel.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * Results in the JSON schema of IPython parallel's {@code bench.py} (as
 * {@code bench/compare-ipyparallel.sh} runs it), so {@code compare.py} reads both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(
    @JsonProperty("system") String system,
    @JsonProperty("java") String java,
    @JsonProperty("engines") int engines,
    @JsonProperty("view") String view,
    @JsonProperty("label") String label,
    @JsonProperty("warmup") WarmUp warmUp,
    @JsonProperty("latency") List<Latency> latency,
    @JsonProperty("throughput") List<Throughput> throughput,
    @JsonProperty("map") List<MapRow> map,
    @JsonProperty("single") Single single,
    @JsonProperty("hops") List<HopRow> hops) {

  /** The report of the seed's benchmarks, without hops. */
  public BenchReport(String system, String java, int engines, String view, String label, List<Latency> latency,
      List<Throughput> throughput, List<MapRow> map, Single single) {
    this(system, java, engines, view, label, null, latency, throughput, map, single, null);
  }

  /**
   * What the warm-up's rounds of 4096 echoes (through the benchmark's view) measured: how many ran, for how
   * long, and their round-trip rates per second (the first is a cold cluster's).
   */
  public record WarmUp(
      @JsonProperty("rounds") int rounds,
      @JsonProperty("seconds") double seconds,
      @JsonProperty("first_per_s") double firstPerS,
      @JsonProperty("last_per_s") double lastPerS,
      @JsonProperty("best_per_s") double bestPerS) {}

  public record Latency(
      @JsonProperty("n") int n,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("sent_per_s") double sentPerS,
      @JsonProperty("roundtrip_per_s") double roundtripPerS,
      /** CPU of this JVM and of the engines on this host per echo, in microseconds ({@link ClusterCpu}); null when unknown. */
      @JsonProperty("cpu_us_per_task") Double cpuUsPerTask,
      /** The round trip rate of every round of {@code n} echoes, in the order they ran; the row is their median round. */
      @JsonProperty("rounds_per_s") List<Double> roundsPerS) {
    public Latency {
      roundsPerS = rounds(roundsPerS, roundtripPerS);
    }

    public Latency(int n, double sentS, double roundtripS, double sentPerS, double roundtripPerS, Double cpuUsPerTask) {
      this(n, sentS, roundtripS, sentPerS, roundtripPerS, cpuUsPerTask, null);
    }

    public Latency(int n, double sentS, double roundtripS, double sentPerS, double roundtripPerS) {
      this(n, sentS, roundtripS, sentPerS, roundtripPerS, null, null);
    }

    /** This round as the median of {@code rounds}. */
    public Latency withRounds(List<Double> rounds) {
      return new Latency(n, sentS, roundtripS, sentPerS, roundtripPerS, cpuUsPerTask, rounds);
    }
  }

  public record Throughput(
      @JsonProperty("bytes") long bytes,
      @JsonProperty("n") int n,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("mb_per_s") double mbPerS,
      @JsonProperty("sent_mb_per_s") double sentMbPerS,
      /** The rate of every round of {@code n} echoes of this size, in the order they ran; the row is their median round. */
      @JsonProperty("rounds_mb_per_s") List<Double> roundsMbPerS) {
    public Throughput {
      roundsMbPerS = rounds(roundsMbPerS, mbPerS);
    }

    public Throughput(long bytes, int n, double sentS, double roundtripS, double mbPerS, double sentMbPerS) {
      this(bytes, n, sentS, roundtripS, mbPerS, sentMbPerS, null);
    }

    /** This round as the median of {@code rounds}. */
    public Throughput withRounds(List<Double> rounds) {
      return new Throughput(bytes, n, sentS, roundtripS, mbPerS, sentMbPerS, rounds);
    }
  }

  public record MapRow(
      @JsonProperty("dt_ms") int dtMs,
      @JsonProperty("n") int n,
      @JsonProperty("engines") int engines,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("ideal_s") double idealS,
      @JsonProperty("overhead") double overhead,
      @JsonProperty("tasks_per_engine") List<Integer> tasksPerEngine,
      @JsonProperty("last_engine") MapPath lastEngine,
      @JsonProperty("overheads") List<Double> overheads) {
    /** A row of one map. */
    public MapRow(int dtMs, int n, int engines, double sentS, double roundtripS, double idealS, double overhead,
        List<Integer> tasksPerEngine, MapPath lastEngine) {
      this(dtMs, n, engines, sentS, roundtripS, idealS, overhead, tasksPerEngine, lastEngine, List.of(overhead));
    }
  }

  /**
   * Where a map's time went, on the engine that finished last (the one the map waited for), in
   * ms from the map's call: until its first task started, its tasks' run times, the gaps
   * between them, and from its last completion until the client had every result.
   */
  public record MapPath(
      @JsonProperty("engine") int engine,
      @JsonProperty("tasks") int tasks,
      @JsonProperty("first_start_ms") double firstStartMs,
      @JsonProperty("run_ms") double runMs,
      @JsonProperty("gaps_ms") double gapsMs,
      @JsonProperty("largest_gap_ms") double largestGapMs,
      @JsonProperty("end_ms") double endMs) {}

  public record Single(
      @JsonProperty("count") int count,
      @JsonProperty("median_us") double medianUs,
      @JsonProperty("p99_us") double p99Us) {}

  /** One hop of {@code %bench hops}: its median and p99 over {@code tasks} tasks of one workload, in microseconds. */
  public record HopRow(
      @JsonProperty("view") String view,
      @JsonProperty("workload") String workload,
      @JsonProperty("tasks") int tasks,
      @JsonProperty("hop") String hop,
      @JsonProperty("median_us") double medianUs,
      @JsonProperty("p99_us") double p99Us) {}

  /** The same text table bench.py prints, then the hops table. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "# %s, %d engines, %s view%n", system, engines, view));
    if (warmUp != null) {
      sb.append(String.format(Locale.ROOT, "# warm-up: %d rounds of 4096 echoes (%s view) in %.1f s, %.0f/s cold, %.0f/s"
          + " last, %.0f/s best%n", warmUp.rounds(), view, warmUp.seconds(), warmUp.firstPerS(), warmUp.lastPerS(),
          warmUp.bestPerS()));
    }
    if (latency != null) {
      for (Latency r : latency) {
        sb.append(String.format(Locale.ROOT, "latency    n=%6d  sent %9.0f/s  roundtrip %9.0f/s%s%s%n", r.n(), r.sentPerS(),
            r.roundtripPerS(), r.cpuUsPerTask() == null ? ""
                : String.format(Locale.ROOT, "  cpu %5.1f us/task", r.cpuUsPerTask()), spread(r.roundsPerS(), 1, "  (the median of %d rounds: %.0f-%.0f/s)")));
      }
    }
    if (throughput != null) {
      for (Throughput r : throughput) {
        sb.append(String.format(Locale.ROOT, "throughput %8d B x %d  sent %8.1f ms  roundtrip %8.1f ms  %8.1f MB/s%s%n",
            r.bytes(), r.n(), r.sentS() * 1e3, r.roundtripS() * 1e3, r.mbPerS(),
            spread(r.roundsMbPerS(), 1, "  (the median of %d rounds: %.1f-%.1f MB/s)")));
      }
    }
    if (map != null) {
      for (MapRow r : map) {
        sb.append(String.format(Locale.ROOT, "map        dt=%4d ms x %d  %.3f s (ideal %.3f s, overhead %.0f%%%s)%s%n", r.dtMs(),
            r.n(), r.roundtripS(), r.idealS(), r.overhead() * 100, spread(r.overheads(), 100, ", the median of %d maps: %.0f-%.0f%%"),
            r.tasksPerEngine() == null ? "" : "  tasks per engine " + r.tasksPerEngine()));
        MapPath p = r.lastEngine();
        if (p != null) {
          sb.append(String.format(Locale.ROOT, "             last engine %d: first start %.1f ms, %d runs %.1f ms, gaps %.1f ms"
              + " (largest %.1f), then %.1f ms to the last result%n", p.engine(), p.firstStartMs(), p.tasks(), p.runMs(),
              p.gapsMs(), p.largestGapMs(), p.endMs()));
        }
      }
    }
    if (single != null) {
      sb.append(String.format(Locale.ROOT, "single     median %.0f us  p99 %.0f us%n", single.medianUs(), single.p99Us()));
    }
    if (hops != null && !hops.isEmpty()) {
      sb.append(HopBenchmark.table(hops));
    }
    return sb.toString();
  }

  /** A row's rounds as given, or (a row read from a report without them, as bench.py's) its one round. */
  static List<Double> rounds(List<Double> given, double one) {
    return given == null ? List.of(one) : List.copyOf(given);
  }

  /**
   * The range of the samples a row is the median of, as {@code format} says (their count, then
   * the lowest and the highest times {@code scale}): "  (the median of 5 rounds: 18873-24009/s)";
   * "" for one sample.
   */
  static String spread(List<Double> samples, double scale, String format) {
    if (samples == null || samples.size() < 2) {
      return "";
    }
    double lo = samples.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    double hi = samples.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    return String.format(Locale.ROOT, format, samples.size(), lo * scale, hi * scale);
  }
}
