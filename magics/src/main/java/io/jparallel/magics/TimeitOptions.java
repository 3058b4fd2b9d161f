package io.jparallel.magics;

import io.jparallel.timing.LoopTimer;
import io.jparallel.timing.TimeFormat;
import io.jparallel.timing.Timeit;
import io.jparallel.timing.TimeitResult;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of {@code %timeit} / {@code %%timeit}, IPython's: {@code -n N} loops per run
 * (chosen by autorange when absent), {@code -r R} runs (7), {@code -q} quiet, {@code -o}
 * return the {@link TimeitResult}, {@code -p P} significant digits (3).
 * {@code -n100} and {@code -n=100} work too.
 */
@Command
public final class TimeitOptions implements MagicOptions {
  @Option(names = "-n", paramLabel = "N", description = "Loops per run (default: 1, 10, 100, ... until a run takes 0.2 s).")
  private Long loops;

  @Option(names = "-r", paramLabel = "R", description = "Runs (default: ${DEFAULT-VALUE}); the result is their mean and std. dev.")
  private int repeat = Timeit.DEFAULT_REPEAT;

  @Option(names = "-q", description = "Quiet: print nothing.")
  private boolean quiet;

  @Option(names = "-o", description = "Return the TimeitResult (e.g. to keep it in a variable).")
  private boolean returnResult;

  @Option(names = "-p", paramLabel = "P", description = "Significant digits of the times shown (default: ${DEFAULT-VALUE}).")
  private int precision = TimeFormat.DEFAULT_PRECISION;

  /** Defaults: automatic loop count, 7 runs, not quiet, no result returned, precision 3. */
  public TimeitOptions() {}

  /** Options for programmatic use ({@code loops} 0 = automatic). */
  public static TimeitOptions of(long loops, int repeat) {
    TimeitOptions o = new TimeitOptions();
    o.loops = loops == 0 ? null : loops;
    o.repeat = repeat;
    o.validate();
    return o;
  }

  @Override
  public void validate() {
    if (loops != null && loops < 1) {
      throw new IllegalArgumentException("-n must be at least 1 but was " + loops);
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("-r must be at least 1 but was " + repeat);
    }
    if (precision < 1 || precision > 17) {
      throw new IllegalArgumentException("-p must be between 1 and 17 but was " + precision);
    }
  }

  /** {@code -n}, empty when the loop count is automatic. */
  public Optional<Long> loops() {
    return Optional.ofNullable(loops);
  }

  public int repeat() {
    return repeat;
  }

  public boolean quiet() {
    return quiet;
  }

  public boolean returnResult() {
    return returnResult;
  }

  public int precision() {
    return precision;
  }

  /** Runs {@code timer} as these options say ({@link Timeit#run(LoopTimer, long, int, int)}). */
  public TimeitResult run(LoopTimer timer) throws Exception {
    return Timeit.run(timer, loops == null ? 0 : loops, repeat, precision);
  }

  /** What {@code %timeit} prints with these options: nothing with {@code -q}, else {@link TimeitResult#report()}. */
  public String output(TimeitResult result) {
    return quiet ? "" : result.report();
  }

  /** What {@code %timeit} returns with these options: the result with {@code -o}, else {@code null}. */
  public TimeitResult value(TimeitResult result) {
    return returnResult ? result : null;
  }
}
