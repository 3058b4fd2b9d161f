package io.jparallel.bench;

import io.jparallel.client.Client;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which benchmarks to run and with what sizes; the defaults are bench.py's (n = 16 ... 4096,
 * 8 B ... 4 MiB x 100, map dt = 1 ... 128 ms with 16 tasks per engine, 500 single calls),
 * except that each count of echoes and each map runs several times and reports the median: a
 * round of 4096 echoes lasts ~200 ms and one map of 64 tasks of 1 ms ~20 ms, and on a shared
 * machine one sample of either moves by 2x ({@code latencyRepeat} rounds, or with 0
 * {@link Benchmarks#autoLatencyRepeat}: some 20,000 echoes per count, 5 to 25 rounds;
 * {@code mapRepeat} maps, or with 0 {@link Benchmarks#autoRepeat}: some 0.4 s of maps per
 * duration, 3 to 25).
 */
public record BenchPlan(
    Set<Part> parts,
    Benchmarks.ViewKind view,
    int[] latencyN,
    int latencyRepeat,
    long[] sizes,
    int count,
    int[] mapDtMs,
    int mapN,
    int mapRepeat,
    int single,
    boolean warmUp,
    String label) {

  public enum Part {
    LATENCY, THROUGHPUT, MAP, SINGLE, HOPS;

    public static Set<Part> parse(String what) {
      Set<Part> out = EnumSet.noneOf(Part.class);
      for (String p : what.split(",")) {
        String s = p.trim().toUpperCase(Locale.ROOT);
        if (s.equals("ALL")) {
          out.addAll(EnumSet.allOf(Part.class));
        } else {
          try {
            out.add(valueOf(s));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown benchmark '" + p.trim() + "' (latency, throughput, map, single, hops or all)");
          }
        }
      }
      return out;
    }
  }

  /** Tasks submitted at once in {@code hops}' pipelined workload. */
  static final int HOPS_PIPELINED = 4096;

  public static BenchPlan defaults(Set<Part> parts, Benchmarks.ViewKind view) {
    return new BenchPlan(parts, view, new int[] {16, 64, 256, 1024, 4096}, 0,
        new long[] {8, 1024, 65536, 1048576, 4194304}, 100, new int[] {1, 2, 4, 8, 16, 32, 64, 128}, 0, 0, 500, true, "");
  }

  public BenchPlan withLabel(String l) {
    return new BenchPlan(parts, view, latencyN, latencyRepeat, sizes, count, mapDtMs, mapN, mapRepeat, single, warmUp, l);
  }

  public BenchReport run(Client client) {
    Benchmarks b = new Benchmarks(client, view);
    BenchReport.WarmUp warm = warmUp ? b.warmUp() : null;
    int engines = client.ids().size();
    // throughput runs last, its arrays warmed right before it: 4 MiB arrays fill the heaps' old
    // generations, and the collections after them slow small tasks for seconds (the report keeps
    // bench.py's order all the same)
    List<BenchReport.Latency> lat = parts.contains(Part.LATENCY) ? b.latency(latencyN, Math.max(0, latencyRepeat)) : null;
    List<BenchReport.MapRow> maps = null;
    if (parts.contains(Part.MAP)) {
      if (warmUp) {
        b.warmUpMaps();
      }
      maps = b.map(mapDtMs, mapN > 0 ? mapN : 16 * engines, Math.max(0, mapRepeat));
    }
    BenchReport.Single one = parts.contains(Part.SINGLE) ? b.single(single) : null;
    List<BenchReport.HopRow> hops = parts.contains(Part.HOPS)
        ? new HopBenchmark(client).run(Math.min(single, 200), HOPS_PIPELINED) : null;
    List<BenchReport.Throughput> tp = null;
    if (parts.contains(Part.THROUGHPUT)) {
      if (warmUp) {
        b.warmUpArrays();
      }
      tp = b.throughput(sizes, count);
    }
    return new BenchReport("jparallel " + Version.get(), System.getProperty("java.version"), engines, view.label(), label,
        warm, lat, tp, maps, one, hops);
  }
}
