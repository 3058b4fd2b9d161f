package io.jparallel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A map row is its duration's median map, with every map's overhead beside it. */
class MapMedianTest {
  private record Run(String name, double roundtripS) {}

  @Test
  void medianRunIsTheMiddleByTimeAndTheLowerMiddleOfAnEvenCount() {
    Run a = new Run("a", 0.030);
    Run b = new Run("b", 0.020);
    Run c = new Run("c", 0.050);
    assertThat(Benchmarks.median(List.of(a, b, c), Run::roundtripS)).isSameAs(a);
    assertThat(Benchmarks.median(List.of(c, b, a, new Run("d", 0.040)), Run::roundtripS)).isSameAs(a);
    assertThat(Benchmarks.median(List.of(c), Run::roundtripS)).isSameAs(c);
  }

  @Test
  void shortMapsRepeatUntilTheyFillSomeTimeAndLongOnesRunThrice() {
    assertThat(Benchmarks.autoRepeat(1, 64, 4)).as("64 x 1 ms on 4 engines: 16 ms a map").isEqualTo(Benchmarks.MAX_MAP_REPEAT);
    assertThat(Benchmarks.autoRepeat(2, 64, 4)).isEqualTo(13);
    assertThat(Benchmarks.autoRepeat(4, 64, 4)).isEqualTo(7);
    assertThat(Benchmarks.autoRepeat(8, 64, 4)).isEqualTo(4);
    assertThat(Benchmarks.autoRepeat(16, 64, 4)).isEqualTo(Benchmarks.MIN_MAP_REPEAT);
    assertThat(Benchmarks.autoRepeat(128, 64, 4)).isEqualTo(Benchmarks.MIN_MAP_REPEAT);
    assertThat(Benchmarks.autoRepeat(16, 32, 2)).as("by ideal time, not by duration alone").isEqualTo(Benchmarks.MIN_MAP_REPEAT);
    assertThat(Benchmarks.autoRepeat(1, 8, 8)).isEqualTo(Benchmarks.MAX_MAP_REPEAT);
    assertThat(BenchPlan.defaults(java.util.EnumSet.of(BenchPlan.Part.MAP), Benchmarks.ViewKind.LOADBALANCED).mapRepeat())
        .as("the default repeats by duration").isZero();
  }

  @Test
  void reportShowsTheSpreadOfSeveralMapsAndNothingForOne() {
    BenchReport.MapRow several = new BenchReport.MapRow(1, 64, 4, 0.001, 0.026, 0.016, 0.625, List.of(16, 16, 16, 16), null,
        List.of(0.9, 0.625, 0.45));
    BenchReport.MapRow one = new BenchReport.MapRow(2, 64, 4, 0.001, 0.040, 0.032, 0.25, List.of(16, 16, 16, 16), null);
    String text = new BenchReport("jparallel", "17", 4, "loadbalanced", "", null, null, List.of(several, one), null)
        .table();
    assertThat(text).contains("overhead 63%, the median of 3 maps: 45-90%)");
    assertThat(text).contains("overhead 25%)");
    assertThat(one.overheads()).containsExactly(0.25);
  }
}
