package io.jparallel.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected lines are what IPython's TimeitResult prints for the same timings. */
class TimeitTest {

  /** A statement that takes {@code perLoopNanos} per loop; records the loop counts asked for. */
  private static final class FakeStatement implements LoopTimer {
    final List<Long> calls = new ArrayList<>();
    final double perLoopNanos;

    FakeStatement(double perLoopNanos) {
      this.perLoopNanos = perLoopNanos;
    }

    @Override
    public long time(long loops) {
      calls.add(loops);
      return Math.round(loops * perLoopNanos);
    }
  }

  /** Returns the given run totals in order (no autorange). */
  private static LoopTimer runs(long... runNanos) {
    Deque<Long> runs = new ArrayDeque<>();
    for (long r : runNanos) {
      runs.add(r);
    }
    return loops -> runs.removeFirst();
  }

  /** Autorange at a fixed speed, then the given run totals. */
  private static LoopTimer scripted(double autorangeNanosPerLoop, long... runNanos) {
    Deque<Long> runs = new ArrayDeque<>();
    for (long r : runNanos) {
      runs.add(r);
    }
    boolean[] ranged = {false};
    return loops -> {
      if (!ranged[0]) {
        long t = Math.round(loops * autorangeNanosPerLoop);
        if (t >= 200_000_000L) {
          ranged[0] = true;
        }
        return t;
      }
      return runs.removeFirst();
    };
  }

  @Test
  void autorangeStopsAtTheFirstRunOfAtLeastPointTwoSeconds() throws Exception {
    FakeStatement fake = new FakeStatement(2_500);
    TimeitResult result = Timeit.run(fake, 0, 7, 3);
    assertThat(result.loops()).isEqualTo(100_000);
    assertThat(fake.calls).containsExactly(1L, 10L, 100L, 1_000L, 10_000L, 100_000L,
        100_000L, 100_000L, 100_000L, 100_000L, 100_000L, 100_000L, 100_000L);
    assertThat(result.repeat()).isEqualTo(7);
    assertThat(result.toString()).isEqualTo("2.5 \u00b5s \u00b1 0 ns per loop (mean \u00b1 std. dev. of 7 runs, 100,000 loops each)");
  }

  @Test
  void autorangeBoundaries() throws Exception {
    assertThat(Timeit.autorange(loops -> loops * 200_000_000L)).isEqualTo(1);
    assertThat(Timeit.autorange(loops -> loops * 20_000_000L)).isEqualTo(10);
    assertThat(Timeit.autorange(loops -> loops * 19_999_999L)).isEqualTo(100);
    assertThat(Timeit.autorange(loops -> 0)).isEqualTo(1_000_000_000L);
  }

  @Test
  void explicitLoopsSkipAutorange() throws Exception {
    FakeStatement fake = new FakeStatement(10);
    TimeitResult result = Timeit.run(fake, 1_000, 3, 3);
    assertThat(fake.calls).containsExactly(1_000L, 1_000L, 1_000L);
    assertThat(result.loops()).isEqualTo(1_000);
    assertThat(result.repeat()).isEqualTo(3);
  }

  @Test
  void ipythonsExampleLine() throws Exception {
    long a = 486_056;
    TimeitResult result = Timeit.run(scripted(2_000, 123_000_000 - a, 123_000_000 + a, 123_000_000 - a,
        123_000_000 + a, 123_000_000 - a, 123_000_000 + a, 123_000_000), 0, 7, 3);
    assertThat(result.loops()).isEqualTo(100_000);
    assertThat(result.toString())
        .isEqualTo("1.23 µs ± 4.5 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)");
    assertThat(result.cacheWarning()).isEmpty();
    assertThat(result.report()).isEqualTo(result.toString());
  }

  @Test
  void singularForms() throws Exception {
    TimeitResult result = Timeit.run(loops -> 2_500_000_000L, 0, 1, 3);
    assertThat(result.toString()).isEqualTo("2.5 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)");
  }

  @Test
  void statistics() throws Exception {
    TimeitResult result = Timeit.run(runs(30_000, 31_000, 29_000, 30_000, 30_000, 30_000, 30_000), 1_000, 7, 3);
    assertThat(result.best()).isEqualTo(29e-9, org.assertj.core.data.Offset.offset(1e-18));
    assertThat(result.worst()).isEqualTo(31e-9, org.assertj.core.data.Offset.offset(1e-18));
    assertThat(result.average()).isEqualTo(30e-9, org.assertj.core.data.Offset.offset(1e-18));
    assertThat(result.timings()).hasSize(7);
    assertThat(result.allRuns()).hasSize(7);
    assertThat(result.toString()).isEqualTo("30 ns ± 0.535 ns per loop (mean ± std. dev. of 7 runs, 1,000 loops each)");
  }

  @Test
  void cacheWarningWhenSlowestRunIsOverFourTimesTheFastest() throws Exception {
    TimeitResult result = Timeit.run(runs(5_000_000, 1_000_000, 1_000_000), 10, 3, 3);
    assertThat(result.cacheWarning()).contains("The slowest run took 5.00 times longer than the fastest. "
        + "This could mean that an intermediate result is being cached.");
    assertThat(result.report()).isEqualTo("The slowest run took 5.00 times longer than the fastest. "
        + "This could mean that an intermediate result is being cached.\n"
        + "233 µs ± 189 µs per loop (mean ± std. dev. of 3 runs, 10 loops each)");
  }

  @Test
  void noCacheWarningAtFourTimesOrBelowAMicrosecond() throws Exception {
    assertThat(Timeit.run(runs(4_000_000, 1_000_000), 10, 2, 3).cacheWarning()).isEmpty();
    assertThat(Timeit.run(runs(9_000, 1_000), 10, 2, 3).cacheWarning()).isEmpty();
    assertThat(Timeit.run(runs(9_000, 0), 10, 2, 3).cacheWarning()).isEmpty();
  }

  @Test
  void compileTimeShownAboveATenthOfASecond() throws Exception {
    TimeitResult result = Timeit.run(loops -> 1_000, 1, 1, 3);
    assertThat(result.withCompileTime(0.05).report()).doesNotContain("Compiler");
    assertThat(result.withCompileTime(0.25).report()).endsWith("\nCompiler time: 0.25 s");
    assertThat(result.withCompileTime(0.25).compileTime()).isEqualTo(0.25);
  }

  @Test
  void precisionFlag() throws Exception {
    TimeitResult result = Timeit.run(runs(1_234_567, 1_234_567), 1, 2, 5);
    assertThat(result.toString()).startsWith("1.2346 ms ± 0 ns per loop");
  }
}
