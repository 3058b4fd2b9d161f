package io.jparallel.bench;

import java.awt.Color;
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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The seed's figures with XChart: tasks/s against messages, MB/s against message size (each
 * with the round trip and, dashed, the submission rate: how fast the client took the tasks, not
 * a throughput), and map time against task duration (with the ideal). Round trip and submission
 * rate have the same colour and marker on every chart, and every axis the same tick format.
 */
public final class BenchCharts {
  private static final int W = 560;
  private static final int H = 380;

  private BenchCharts() {}

  /** Round trips: the same colour and marker on every chart. */
  static final Color ROUND_TRIP = new Color(31, 119, 180);
  /** How fast tasks were handed to the client (not a throughput): dashed, in its own colour on every chart. */
  static final Color SUBMITTED = new Color(255, 127, 14);
  static final String ROUND_TRIP_LABEL = "round trip";
  static final String SUBMITTED_LABEL = "submission rate";

  /** Every chart the report has data for. */
  public static List<XYChart> charts(BenchReport r) {
    List<XYChart> out = new ArrayList<>();
    if (r.latency() != null && !r.latency().isEmpty()) {
      XYChart c = chart("Latency: tasks/s vs messages", "messages", "tasks / s");
      List<Double> n = r.latency().stream().map(x -> (double) x.n()).toList();
      roundTrip(c.addSeries(ROUND_TRIP_LABEL, n, r.latency().stream().map(BenchReport.Latency::roundtripPerS).toList()));
      submitted(c.addSeries(SUBMITTED_LABEL, n, r.latency().stream().map(BenchReport.Latency::sentPerS).toList()));
      out.add(c);
    }
    if (r.throughput() != null && !r.throughput().isEmpty()) {
      XYChart c = chart("Throughput: MB/s vs message size", "bytes", "MB / s");
      List<Double> bytes = r.throughput().stream().map(x -> (double) x.bytes()).toList();
      roundTrip(c.addSeries(ROUND_TRIP_LABEL, bytes, r.throughput().stream().map(BenchReport.Throughput::mbPerS).toList()));
      submitted(c.addSeries(SUBMITTED_LABEL, bytes,
          r.throughput().stream().map(BenchReport.Throughput::sentMbPerS).toList()));
      out.add(c);
    }
    if (r.map() != null && !r.map().isEmpty()) {
      XYChart c = chart("Map: elapsed vs task duration", "task duration (ms)", "elapsed (s)");
      List<Double> dt = r.map().stream().map(x -> (double) x.dtMs()).toList();
      roundTrip(c.addSeries("map", dt, r.map().stream().map(BenchReport.MapRow::roundtripS).toList()));
      XYSeries ideal = c.addSeries("ideal", dt, r.map().stream().map(BenchReport.MapRow::idealS).toList());
      ideal.setLineColor(Color.GRAY);
      ideal.setMarker(SeriesMarkers.NONE);
      out.add(c);
    }
    return out;
  }

  private static void roundTrip(XYSeries s) {
    s.setLineColor(ROUND_TRIP);
    s.setMarkerColor(ROUND_TRIP);
    s.setMarker(SeriesMarkers.CIRCLE);
  }

  private static void submitted(XYSeries s) {
    s.setLineColor(SUBMITTED);
    s.setMarkerColor(SUBMITTED);
    s.setMarker(SeriesMarkers.DIAMOND);
    s.setLineStyle(SeriesLines.DASH_DASH);
  }

  /**
   * One tick format on every axis, plain decimals with thousands separators (0.01, 2, 100,
   * 1,000, 10,000): XChart's default mixes {@code 1E4} with {@code 1000} on log axes.
   */
  static final String TICKS = "#,##0.###";

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setMarkerSize(6);
    c.getStyler().setXAxisDecimalPattern(TICKS);
    c.getStyler().setYAxisDecimalPattern(TICKS);
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
