package io.jparallel.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * IPython's {@code %timeit} algorithm, independent of what is timed. Without {@code -n} the
 * loop count is chosen by IPython's autorange (1, 10, 100, ... until one run of that many
 * loops takes at least 0.2 s, at most 10^9); then {@code -r} runs (7 by default) of that
 * many loops are timed. The autorange trial runs are not part of the result.
 */
public final class Timeit {
  /** IPython's default number of runs. */
  public static final int DEFAULT_REPEAT = 7;
  /** A run at least this long (seconds) ends the autorange search. */
  public static final double AUTORANGE_SECONDS = 0.2;
  /** The autorange tries 10^0 ... 10^9 loops. */
  public static final int AUTORANGE_MAX_EXPONENT = 9;

  private Timeit() {}

  /**
   * Runs {@code timer}: {@code loops} per run (0 = autorange), {@code repeat} runs, results
   * printed with {@code precision} significant digits.
   */
  public static TimeitResult run(LoopTimer timer, long loops, int repeat, int precision) throws Exception {
    if (loops < 0 || repeat < 1) {
      throw new IllegalArgumentException("loops must be >= 0 (0 = automatic) and repeat >= 1");
    }
    long number = loops == 0 ? autorange(timer) : loops;
    List<Double> runs = new ArrayList<>(repeat);
    for (int i = 0; i < repeat; i++) {
      runs.add(seconds(timer.time(number)));
    }
    return new TimeitResult(number, repeat, runs, 0, precision);
  }

  /** IPython's loop count search: 10^i for the first i whose run takes >= 0.2 s. */
  public static long autorange(LoopTimer timer) throws Exception {
    long number = 1;
    for (int index = 0; index <= AUTORANGE_MAX_EXPONENT; index++) {
      number = pow10(index);
      if (seconds(timer.time(number)) >= AUTORANGE_SECONDS) {
        break;
      }
    }
    return number;
  }

  private static double seconds(long nanos) {
    return Math.max(nanos, 0) / 1e9;
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
