package io.jparallel.timing;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@code %timeit}, IPython's {@code TimeitResult}: {@code allRuns} holds the
 * total seconds of each of the {@code repeat} runs of {@code loops} loops.
 * {@link #toString()} is IPython's line, e.g.
 * {@code 1.23 µs ± 4.5 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)}.
 *
 * @param loops loops per run
 * @param repeat number of runs
 * @param allRuns total seconds of each run
 * @param compileTime seconds spent compiling the statement, 0 when unknown
 * @param precision significant digits of the printed times
 */
public record TimeitResult(long loops, int repeat, List<Double> allRuns, double compileTime, int precision) {
  /** IPython prints the compile time when it exceeds this many seconds. */
  public static final double COMPILE_TIME_SHOWN_ABOVE = 0.1;

  public TimeitResult {
    if (loops < 1 || repeat < 1 || allRuns.size() != repeat) {
      throw new IllegalArgumentException("need loops >= 1 and one timing per run (loops=" + loops
          + ", repeat=" + repeat + ", runs=" + allRuns.size() + ")");
    }
    allRuns = List.copyOf(allRuns);
  }

  /** A copy with the compile time set. */
  public TimeitResult withCompileTime(double seconds) {
    return new TimeitResult(loops, repeat, allRuns, seconds, precision);
  }

  /** Seconds per loop of each run. */
  public List<Double> timings() {
    return allRuns.stream().map(t -> t / loops).toList();
  }

  /** Fastest seconds per loop. */
  public double best() {
    return Collections.min(allRuns) / loops;
  }

  /** Slowest seconds per loop. */
  public double worst() {
    return Collections.max(allRuns) / loops;
  }

  /** Mean seconds per loop over the runs. */
  public double average() {
    return fsum(timings()) / repeat;
  }

  /** Population standard deviation of the seconds per loop (as IPython). */
  public double stdev() {
    double mean = average();
    return Math.sqrt(fsum(timings().stream().map(x -> (x - mean) * (x - mean)).toList()) / repeat);
  }

  /**
   * IPython's warning, present when the slowest run took more than 4 times the fastest (and the
   * slowest loop took more than a microsecond).
   */
  public Optional<String> cacheWarning() {
    double best = best();
    double worst = worst();
    if (worst > 4 * best && best > 0 && worst > 1e-6) {
      return Optional.of("The slowest run took " + PyFormat.f(worst / best, 2)
          + " times longer than the fastest. This could mean that an intermediate result is being cached.");
    }
    return Optional.empty();
  }

  /** {@code Compiler time: 0.15 s} when compiling took more than 0.1 s. */
  public Optional<String> compileTimeNote() {
    return compileTime > COMPILE_TIME_SHOWN_ABOVE
        ? Optional.of("Compiler time: " + PyFormat.f(compileTime, 2) + " s")
        : Optional.empty();
  }

  /** What {@code %timeit} prints without {@code -q}: the warning if any, the line, the compile time if long. */
  public String report() {
    StringBuilder out = new StringBuilder();
    cacheWarning().ifPresent(w -> out.append(w).append('\n'));
    out.append(this);
    compileTimeNote().ifPresent(c -> out.append('\n').append(c));
    return out.toString();
  }

  @Override
  public String toString() {
    return TimeFormat.format(average(), precision) + " \u00b1 " + TimeFormat.format(stdev(), precision)
        + " per loop (mean \u00b1 std. dev. of " + repeat + " run" + (repeat == 1 ? "" : "s") + ", "
        + PyFormat.grouped(loops) + " loop" + (loops == 1 ? "" : "s") + " each)";
  }

  /** Neumaier-compensated sum, standing in for Python's {@code math.fsum}. */
  private static double fsum(List<Double> values) {
    double sum = 0;
    double compensation = 0;
    for (double v : values) {
      double t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }
}
