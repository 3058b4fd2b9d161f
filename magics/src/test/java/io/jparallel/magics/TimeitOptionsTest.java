package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.timing.LoopTimer;
import io.jparallel.timing.TimeitResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags of {@code %timeit} and what they make of a result (the algorithm is core's {@code TimeitTest}). */
class TimeitOptionsTest {

  @Test
  void optionsFromTheMagicLine() throws Exception {
    TimeitOptions options = MagicArgs.parse(MagicCatalog.TIMEIT, MagicCall.line("timeit", "-n 10 -r 2 f()"))
        .options(TimeitOptions.class);
    List<Long> calls = new ArrayList<>();
    LoopTimer fake = loops -> {
      calls.add(loops);
      return loops * 1_000;
    };
    TimeitResult result = options.run(fake);
    assertThat(calls).containsExactly(10L, 10L);
    assertThat(result.toString()).isEqualTo("1 \u00b5s \u00b1 0 ns per loop (mean \u00b1 std. dev. of 2 runs, 10 loops each)");
  }

  @Test
  void quietAndReturnResult() throws Exception {
    TimeitOptions options = MagicArgs.parse(MagicCatalog.TIMEIT, MagicCall.line("timeit", "-q -o -n 1 -r 1 f()"))
        .options(TimeitOptions.class);
    TimeitResult result = options.run(loops -> 1_000);
    assertThat(options.output(result)).isEmpty();
    assertThat(options.value(result)).isSameAs(result);
    TimeitOptions plain = TimeitOptions.of(1, 1);
    assertThat(plain.output(result)).isEqualTo("1 µs ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)");
    assertThat(plain.value(result)).isNull();
  }
}
