package io.jparallel.session;

import io.jparallel.client.EngineIds;

import io.jparallel.bench.BenchCharts;
import io.jparallel.bench.BenchReport;
import io.jparallel.client.Client;
import io.jparallel.magics.BenchOptions;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.UnicodeChart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code %bench}: the seed benchmarks on the session's cluster ({@link BenchRequest}), shown
 * as the seed's table plus a Unicode chart (terminal) and an HTML table plus a PNG plot
 * (notebook).
 */
final class BenchMagic extends SessionMagic {
  private final ClusterBinding cluster;

  BenchMagic(ClusterBinding cluster) {
    super(MagicCatalog.BENCH);
    this.cluster = cluster;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) throws IOException {
    return show(cluster.client(), inv.options(BenchOptions.class));
  }

  private static Display show(Client client, BenchOptions o) throws IOException {
    Set<BenchOptions.Kind> kinds = o.kinds();
    BenchReport report = BenchRequest.plan(o).run(client);
    String text = report.table() + charts(report) + BenchRequest.granularity(kinds, report);
    BenchRequest.save(report, o);
    byte[] png = BenchRequest.hasChart(report) ? BenchCharts.png(report) : null;
    Display display = Display.html(text.stripTrailing(), html(report) + "<pre>" + Html.escape(BenchRequest.granularity(kinds, report)) + "</pre>");
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

  private static String html(BenchReport r) {
    StringBuilder sb = new StringBuilder("<div class=\"jparallel-bench\"><p>" + Html.escape(r.system()) + ", "
        + EngineIds.count(r.engines(), "engine") + ", " + r.view() + " view</p>");
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
    if (r.hops() != null) {
      sb.append("<table><tr><th>view</th><th>workload</th><th>hop</th><th>median µs</th><th>p99 µs</th></tr>");
      r.hops().forEach(x -> sb.append(String.format(Locale.ROOT,
          "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.0f</td><td>%.0f</td></tr>", x.view(), Html.escape(x.workload()),
          Html.escape(x.hop()), x.medianUs(), x.p99Us())));
      sb.append("</table>");
    }
    return sb.append("</div>").toString();
  }
}
