package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnicodeChartTest {

  @Test
  void barsInEighths() {
    assertThat(UnicodeChart.bar(8, 8, 4)).isEqualTo("████");
    assertThat(UnicodeChart.bar(1, 8, 4)).isEqualTo("▌");
    assertThat(UnicodeChart.bar(1, 32, 4)).isEqualTo("▏");
    assertThat(UnicodeChart.bar(5, 8, 4)).isEqualTo("██▌");
    assertThat(UnicodeChart.bar(7, 8, 1)).isEqualTo("▉");
    assertThat(UnicodeChart.bar(0, 8, 4)).isEmpty();
    assertThat(UnicodeChart.bar(-1, 8, 4)).isEmpty();
    assertThat(UnicodeChart.bar(Double.NaN, 8, 4)).isEmpty();
    assertThat(UnicodeChart.bar(20, 8, 4)).isEqualTo("████");
  }

  @Test
  void labeledRowsAlign() {
    String chart = UnicodeChart.bars(List.of(
        UnicodeChart.Bar.of("n=16", 12_345, "/s"),
        UnicodeChart.Bar.of("n=4096", 24_690, "/s"),
        UnicodeChart.Bar.of("n=64", 0, "/s")), 10);
    assertThat(chart).isEqualTo(
        "n=16    █████      12,345/s\n"
      + "n=4096  ██████████ 24,690/s\n"
      + "n=64               0/s\n");
  }

  @Test
  void defaultWidthIsFortyCells() {
    String chart = UnicodeChart.bars(List.of(new UnicodeChart.Bar("a", 3, "3"), new UnicodeChart.Bar("b", 1, "1")));
    List<String> lines = chart.lines().toList();
    assertThat(lines.get(0)).isEqualTo("a  " + "█".repeat(40) + " 3");
    assertThat(lines.get(1)).isEqualTo("b  " + "█".repeat(13) + "▍" + " ".repeat(26) + " 1");
  }

  @Test
  void numbers() {
    assertThat(UnicodeChart.number(12_345.4)).isEqualTo("12,345");
    assertThat(UnicodeChart.number(45.64)).isEqualTo("45.6");
    assertThat(UnicodeChart.number(0.1234)).isEqualTo("0.123");
  }

  @Test
  void sparklines() {
    assertThat(UnicodeChart.sparkline(1, 2, 3, 4, 5, 6, 7, 8)).isEqualTo("▁▂▃▄▅▆▇█");
    assertThat(UnicodeChart.sparkline(0, 10, 5)).isEqualTo("▁█▅");
    assertThat(UnicodeChart.sparkline(3, 3, 3)).isEqualTo("▁▁▁");
    assertThat(UnicodeChart.sparkline(1, Double.NaN, 2)).isEqualTo("▁ █");
    assertThat(UnicodeChart.sparkline()).isEmpty();
  }

  @Test
  void sparklineFitsAWidth() {
    double[] values = new double[100];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    String line = UnicodeChart.sparkline(values, 10);
    assertThat(line).hasSize(10).startsWith("▁").endsWith("█");
    assertThat(UnicodeChart.sparkline(new double[] {1, 2}, 10)).isEqualTo("▁█");
  }
}
