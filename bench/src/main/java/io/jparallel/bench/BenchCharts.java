package io.jparallel.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The seed's figures with XChart: tasks/s against messages (sent and round trip), MB/s
 * against message size, and map time against task duration (with the ideal).
 */
public final class BenchCharts {
  private static final int W = 560;
  private static final int H = 380;

  private BenchCharts() {}

  /** Every chart the report has data for. */
  public static List<XYChart> charts(BenchReport r) {
    List<XYChart> out = new ArrayList<>();
    if (r.latency() != null && !r.latency().isEmpty()) {
      XYChart c = chart("Latency: tasks/s vs messages", "messages", "tasks / s");
      c.addSeries("sent", r.latency().stream().map(x -> (double) x.n()).toList(),
          r.latency().stream().map(BenchReport.Latency::sentPerS).toList());
      c.addSeries("round trip", r.latency().stream().map(x -> (double) x.n()).toList(),
          r.latency().stream().map(BenchReport.Latency::roundtripPerS).toList());
      out.add(c);
    }
    if (r.throughput() != null && !r.throughput().isEmpty()) {
      XYChart c = chart("Throughput: MB/s vs message size", "bytes", "MB / s");
      c.addSeries("round trip", r.throughput().stream().map(x -> (double) x.bytes()).toList(),
          r.throughput().stream().map(BenchReport.Throughput::mbPerS).toList());
      c.addSeries("sent", r.throughput().stream().map(x -> (double) x.bytes()).toList(),
          r.throughput().stream().map(BenchReport.Throughput::sentMbPerS).toList());
      out.add(c);
    }
    if (r.map() != null && !r.map().isEmpty()) {
      XYChart c = chart("Map: elapsed vs task duration", "task duration (ms)", "elapsed (s)");
      c.addSeries("map", r.map().stream().map(x -> (double) x.dtMs()).toList(),
          r.map().stream().map(BenchReport.MapRow::roundtripS).toList());
      c.addSeries("ideal", r.map().stream().map(x -> (double) x.dtMs()).toList(),
          r.map().stream().map(BenchReport.MapRow::idealS).toList());
      out.add(c);
    }
    return out;
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(6);
    return c;
  }

  /**
   * Where a task's time goes: one chart of the medians and one of the p99s of each hop, a bar per
   * view and workload (microseconds, logarithmic).
   */
  public static List<CategoryChart> hopCharts(BenchReport r) {
    List<CategoryChart> out = new ArrayList<>();
    if (r.hops() == null || r.hops().isEmpty()) {
      return out;
    }
    for (boolean p99 : new boolean[] {false, true}) {
      CategoryChart c = new CategoryChartBuilder().width(W * 3 / 2).height(H)
          .title("Hops: " + (p99 ? "p99" : "median") + " per hop").xAxisTitle("hop").yAxisTitle("us").build();
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      c.getStyler().setXAxisLabelRotation(30);
      c.getStyler().setYAxisMin(1.0); // bars start at 1 us: a logarithmic axis has no 0
      List<String> columns = new ArrayList<>();
      r.hops().forEach(h -> {
        if (!columns.contains(HopBenchmark.column(h))) {
          columns.add(HopBenchmark.column(h));
        }
      });
      for (String col : columns) {
        List<String> hops = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (HopBenchmark.Hop hop : HopBenchmark.Hop.values()) {
          r.hops().stream().filter(h -> HopBenchmark.column(h).equals(col) && h.hop().equals(hop.label())).findFirst()
              .ifPresent(h -> {
                hops.add(hop.label());
                values.add(Math.max(1.0, p99 ? h.p99Us() : h.medianUs()));
              });
        }
        c.addSeries(col, hops, values);
      }
      out.add(c);
    }
    return out;
  }

  /** All charts side by side in one PNG. */
  public static byte[] png(BenchReport r) throws IOException {
    List<Chart<?, ?>> charts = new ArrayList<>(charts(r));
    charts.addAll(hopCharts(r));
    if (charts.isEmpty()) {
      throw new IOException("nothing to plot: the report has no latency, throughput, map or hops rows");
    }
    int width = 0;
    for (Chart<?, ?> c : charts) {
      width += c.getWidth();
    }
    BufferedImage all = new BufferedImage(width, H, BufferedImage.TYPE_INT_RGB);
    var g = all.createGraphics();
    int x = 0;
    for (Chart<?, ?> c : charts) {
      g.drawImage(BitmapEncoder.getBufferedImage(c), x, 0, null);
      x += c.getWidth();
    }
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(all, "png", bytes);
    return bytes.toByteArray();
  }

  public static void write(BenchReport r, Path file) throws IOException {
    Files.write(file, png(r));
  }
}
