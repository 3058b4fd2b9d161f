package io.jparallel.session;

import io.jparallel.bench.BenchCharts;
import io.jparallel.bench.BenchPlan;
import io.jparallel.bench.BenchReport;
import io.jparallel.bench.Benchmarks;
import io.jparallel.magics.BenchOptions;
import io.jparallel.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seed benchmarks as {@link BenchOptions} ask for them, for {@code %bench} and
 * {@code jpar bench} alike: the {@link BenchPlan} ({@link #plan}), the files {@code --json}
 * and {@code --plot} name ({@link #save}), and the {@code granularity} verdict ("how small
 * may my tasks be", from the map benchmark).
 */
public final class BenchRequest {
  /** Map overhead below which a task size counts as fine-grained enough. */
  static final double GOOD_OVERHEAD = 0.10;

  private BenchRequest() {}

  /** The benchmarks and sizes {@code o} asks for; the label is {@code o}'s ("" when none). */
  public static BenchPlan plan(BenchOptions o) {
    Set<BenchOptions.Kind> kinds = o.kinds();
    Set<BenchPlan.Part> parts = EnumSet.noneOf(BenchPlan.Part.class);
    for (BenchOptions.Kind k : kinds) {
      switch (k) {
        case LATENCY -> parts.add(BenchPlan.Part.LATENCY);
        case THROUGHPUT -> parts.add(BenchPlan.Part.THROUGHPUT);
        case MAP, GRANULARITY -> parts.add(BenchPlan.Part.MAP);
        case SINGLE -> parts.add(BenchPlan.Part.SINGLE);
        case HOPS -> parts.add(BenchPlan.Part.HOPS);
      }
    }
    Benchmarks.ViewKind view = o.view().map(v -> Benchmarks.ViewKind.valueOf(v.toUpperCase(Locale.ROOT)))
        .orElse(Benchmarks.ViewKind.LOADBALANCED);
    BenchPlan d = BenchPlan.defaults(parts, view);
    int[] dts = o.mapDtMs().orElse(kinds.contains(BenchOptions.Kind.GRANULARITY) && !kinds.contains(BenchOptions.Kind.MAP)
        ? new int[] {1, 2, 4, 8, 16, 32, 64} : d.mapDtMs());
    return new BenchPlan(parts, view, o.latencyN().orElse(d.latencyN()), o.latencyRepeat().orElse(d.latencyRepeat()),
        o.sizes().orElse(d.sizes()),
        o.count().orElse(d.count()), dts, o.mapN().orElse(0), o.mapRepeat().orElse(d.mapRepeat()), o.single().orElse(d.single()), o.warmUp(),
        o.label().orElse(""));
  }

  /**
   * Writes the report as JSON and its chart as PNG where {@code --json} and {@code --plot} say;
   * returns the files written. A plot of a report with nothing to chart is an error.
   */
  public static List<Path> save(BenchReport report, BenchOptions o) throws IOException {
    List<Path> written = new ArrayList<>();
    if (o.json().isPresent()) {
      Path json = Path.of(o.json().get());
      Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      written.add(json);
    }
    if (o.plot().isPresent()) {
      Path plot = Path.of(o.plot().get());
      BenchCharts.write(report, plot);
      written.add(plot);
    }
    return written;
  }

  static boolean hasChart(BenchReport r) {
    return r.latency() != null || r.throughput() != null || r.map() != null || r.hops() != null;
  }

  /** The granularity verdict when {@code kinds} ask for it, else "". */
  public static String granularity(Set<BenchOptions.Kind> kinds, BenchReport r) {
    if (!kinds.contains(BenchOptions.Kind.GRANULARITY) || r.map() == null) {
      return "";
    }
    for (BenchReport.MapRow row : r.map()) {
      if (row.overhead() <= GOOD_OVERHEAD) {
        return String.format(Locale.ROOT, "granularity: on this cluster (%d engines) tasks of %d ms or more run with"
            + " %.0f%% overhead or less; below that, batch work into larger tasks (lv.chunkSize(n).map(...)).%n", row.engines(), row.dtMs(),
            GOOD_OVERHEAD * 100);
      }
    }
    BenchReport.MapRow lastRow = r.map().get(r.map().size() - 1);
    return String.format(Locale.ROOT, "granularity: even %d ms tasks had %.0f%% overhead here; make tasks larger.%n",
        lastRow.dtMs(), lastRow.overhead() * 100);
  }
}
