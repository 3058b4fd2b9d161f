package io.jparallel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpRuleTest {
  @Test
  void goesOnWhileTheRateStillClimbs() {
    // a cold cluster's rounds: the JIT of every JVM makes each few rounds faster than all before
    assertThat(Benchmarks.settled(List.of(1300.0, 3700.0, 4000.0, 6500.0, 5500.0, 9000.0, 6100.0, 7400.0)))
        .isFalse();
    assertThat(Benchmarks.settled(List.of(5000.0, 5000.0, 5000.0, 5000.0, 5000.0, 5000.0, 5000.0, 9000.0)))
        .isFalse();
  }

  @Test
  void stopsOnceTheLastRoundsAreNoFasterThanTheBestBefore() {
    assertThat(Benchmarks.settled(List.of(1300.0, 9000.0, 15000.0, 12000.0, 14000.0, 15500.0, 11000.0, 13000.0)))
        .isTrue(); // 15,500 is within 5% of 15,000
    assertThat(Benchmarks.settled(List.of(20000.0, 8000.0, 9000.0, 9500.0, 8700.0, 9100.0))).isTrue();
  }

  @Test
  void needsRoundsBeforeTheWindow() {
    assertThat(Benchmarks.settled(List.of(1.0, 1.0, 1.0, 1.0, 1.0))).isFalse();
  }
}
