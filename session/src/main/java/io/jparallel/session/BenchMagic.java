package io.jparallel.session;

import io.jparallel.bench.BenchCharts;
import io.jparallel.bench.BenchPlan;
import io.jparallel.bench.BenchReport;
import io.jparallel.bench.Benchmarks;
import io.jparallel.client.Client;
import io.jparallel.magics.BenchOptions;
import io.jparallel.magics.UnicodeChart;
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
 * {@code %bench}: the seed benchmarks on the session's cluster, shown as the seed's table
 * plus a Unicode chart (terminal) and an HTML table plus a PNG plot (notebook).
 * {@code granularity} answers "how small may my tasks be" from the map benchmark.
 */
final class BenchMagic {
  /** Map overhead below which a task size counts as fine-grained enough. */
  static final double GOOD_OVERHEAD = 0.10;

  private BenchMagic() {}

  static Display run(Client client, BenchOptions o) throws IOException {
    Set<BenchOptions.Kind> kinds = o.kinds();
    Set<BenchPlan.Part> parts = EnumSet.noneOf(BenchPlan.Part.class);
    for (BenchOptions.Kind k : kinds) {
      switch (k) {
        case LATENCY -> parts.add(BenchPlan.Part.LATENCY);
        case THROUGHPUT -> parts.add(BenchPlan.Part.THROUGHPUT);
        case MAP, GRANULARITY -> parts.add(BenchPlan.Part.MAP);
        case SINGLE -> parts.add(BenchPlan.Part.SINGLE);
      }
    }
    Benchmarks.ViewKind view = o.view().map(v -> Benchmarks.ViewKind.valueOf(v.toUpperCase(Locale.ROOT)))
        .orElse(Benchmarks.ViewKind.LOADBALANCED);
    BenchPlan d = BenchPlan.defaults(parts, view);
    int[] dts = o.mapDtMs().orElse(kinds.contains(BenchOptions.Kind.GRANULARITY) && !kinds.contains(BenchOptions.Kind.MAP)
        ? new int[] {1, 2, 4, 8, 16, 32, 64} : d.mapDtMs());
    BenchPlan plan = new BenchPlan(parts, view, o.latencyN().orElse(d.latencyN()), o.sizes().orElse(d.sizes()),
        o.count().orElse(d.count()), dts, o.mapN().orElse(0), o.single().orElse(d.single()), o.warmUp(),
        o.label().orElse(""));
    BenchReport report = plan.run(client);
    String text = report.table() + charts(report) + granularity(kinds, report);
    if (o.json().isPresent()) {
      Files.writeString(Path.of(o.json().get()), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
    byte[] png = null;
    if (report.latency() != null || report.throughput() != null || report.map() != null) {
      png = BenchCharts.png(report);
      if (o.plot().isPresent()) {
        Files.write(Path.of(o.plot().get()), png);
      }
    }
    Display display = Display.html(text.stripTrailing(), html(report) + "<pre>" + Html.escape(granularity(kinds, report)) + "</pre>");
    if (png != null) {
      display = display.with("image/png", java.util.Base64.getEncoder().encodeToString(png));
    }
    return display;
  }

  private static String charts(BenchReport r) {
    StringBuilder sb = new StringBuilder();
    if (r.latency() != null) {
      List<UnicodeChart.Bar> rows = new ArrayList<>();
      r.latency().forEach(x -> rows.add(UnicodeChart.Bar.of("n=" + x.n(), x.roundtripPerS(), "/s")));
      sb.append("\nround trip tasks/s\n").append(UnicodeChart.bars(rows));
    }
    if (r.throughput() != null) {
      List<UnicodeChart.Bar> rows = new ArrayList<>();
      r.throughput().forEach(x -> rows.add(UnicodeChart.Bar.of(x.bytes() + " B", x.mbPerS(), " MB/s")));
      sb.append("\nthroughput MB/s\n").append(UnicodeChart.bars(rows));
    }
    if (r.map() != null) {
      List<UnicodeChart.Bar> rows = new ArrayList<>();
      r.map().forEach(x -> rows.add(new UnicodeChart.Bar("dt=" + x.dtMs() + " ms", Math.max(0, x.overhead()),
          String.format(Locale.ROOT, "%.0f%%", x.overhead() * 100))));
      sb.append("\nmap overhead\n").append(UnicodeChart.bars(rows));
    }
    return sb.toString().endsWith("\n") || sb.length() == 0 ? sb.toString() : sb + "\n";
  }

  static String granularity(Set<BenchOptions.Kind> kinds, BenchReport r) {
    if (!kinds.contains(BenchOptions.Kind.GRANULARITY) || r.map() == null) {
      return "";
    }
    for (BenchReport.MapRow row : r.map()) {
      if (row.overhead() <= GOOD_OVERHEAD) {
        return String.format(Locale.ROOT, "granularity: on this cluster (%d engines) tasks of %d ms or more run with"
            + " %.0f%% overhead or less; below that, batch work into larger tasks.%n", row.engines(), row.dtMs(),
            GOOD_OVERHEAD * 100);
      }
    }
    BenchReport.MapRow lastRow = r.map().get(r.map().size() - 1);
    return String.format(Locale.ROOT, "granularity: even %d ms tasks had %.0f%% overhead here; make tasks larger.%n",
        lastRow.dtMs(), lastRow.overhead() * 100);
  }

  private static String html(BenchReport r) {
    StringBuilder sb = new StringBuilder("<div class=\"jparallel-bench\"><p>" + Html.escape(r.system()) + ", "
        + r.engines() + " engines, " + r.view() + " view</p>");
    if (r.latency() != null) {
      sb.append("<table><tr><th>n</th><th>sent/s</th><th>round trip/s</th></tr>");
      r.latency().forEach(x -> sb.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.0f</td><td>%.0f</td></tr>",
          x.n(), x.sentPerS(), x.roundtripPerS())));
      sb.append("</table>");
    }
    if (r.throughput() != null) {
      sb.append("<table><tr><th>bytes</th><th>n</th><th>sent ms</th><th>round trip ms</th><th>MB/s</th></tr>");
      r.throughput().forEach(x -> sb.append(String.format(Locale.ROOT,
          "<tr><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>", x.bytes(), x.n(), x.sentS() * 1e3,
          x.roundtripS() * 1e3, x.mbPerS())));
      sb.append("</table>");
    }
    if (r.map() != null) {
      sb.append("<table><tr><th>dt ms</th><th>tasks</th><th>elapsed s</th><th>ideal s</th><th>overhead</th></tr>");
      r.map().forEach(x -> sb.append(String.format(Locale.ROOT,
          "<tr><td>%d</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.0f%%</td></tr>", x.dtMs(), x.n(), x.roundtripS(),
          x.idealS(), x.overhead() * 100)));
      sb.append("</table>");
    }
    if (r.single() != null) {
      sb.append(String.format(Locale.ROOT, "<p>single task: median %.0f µs, p99 %.0f µs</p>", r.single().medianUs(),
          r.single().p99Us()));
    }
    return sb.append("</div>").toString();
  }
}
