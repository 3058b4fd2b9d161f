package io.jparallel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class BenchChartsTest {
  private static final BenchReport REPORT = new BenchReport("jparallel", "17", 2, "loadbalanced", "",
      List.of(new BenchReport.Latency(16, 0.001, 0.01, 16000, 1600), new BenchReport.Latency(4096, 0.1, 0.4, 40960, 10240)),
      List.of(new BenchReport.Throughput(8, 100, 0.01, 0.02, 0.04, 0.08),
          new BenchReport.Throughput(4 << 20, 100, 1, 2, 200, 400)),
      List.of(new BenchReport.MapRow(1, 32, 2, 0.01, 0.05, 0.016, 2.1, List.of(16, 16), null)), null);

  /** Issue 10.11: the round trip and the submission rate look the same on every chart. */
  @Test
  void roundTripAndSubmissionRateKeepTheirColoursAndNamesOnEveryChart() {
    List<XYChart> charts = BenchCharts.charts(REPORT);
    assertThat(charts).hasSize(3);
    for (XYChart c : charts.subList(0, 2)) {
      XYSeries roundTrip = c.getSeriesMap().get(BenchCharts.ROUND_TRIP_LABEL);
      XYSeries submitted = c.getSeriesMap().get(BenchCharts.SUBMITTED_LABEL);
      assertThat(roundTrip.getLineColor()).as(c.getTitle()).isEqualTo(BenchCharts.ROUND_TRIP);
      assertThat(submitted.getLineColor()).as(c.getTitle()).isEqualTo(BenchCharts.SUBMITTED);
      assertThat(c.getSeriesMap()).doesNotContainKey("sent");
    }
  }

  @Test
  void everyAxisHasOneTickFormat() {
    assertThat(BenchCharts.charts(REPORT)).allSatisfy(c -> {
      assertThat(c.getStyler().getXAxisDecimalPattern()).isEqualTo(BenchCharts.TICKS);
      assertThat(c.getStyler().getYAxisDecimalPattern()).isEqualTo(BenchCharts.TICKS);
    });
  }
}
