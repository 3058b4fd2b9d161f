package io.jparallel.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeMagicResultTest {

  @Test
  void ipythonsLines() {
    TimeMagicResult r = TimeMagicResult.of(0.0012, 0.0012, 0.0023);
    assertThat(r.toString()).isEqualTo("CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms\nWall time: 2.3 ms");
  }

  @Test
  void sysIsTotalMinusUser() {
    TimeMagicResult r = TimeMagicResult.of(1.5, 2.0, 3.25);
    assertThat(r.sysSeconds()).isEqualTo(0.5);
    assertThat(r.cpuLine()).isEqualTo("CPU times: user 1.5 s, sys: 500 ms, total: 2 s");
    assertThat(r.wallLine()).isEqualTo("Wall time: 3.25 s");
  }

  @Test
  void missingCpuTimes() {
    assertThat(TimeMagicResult.of(Double.NaN, 0.002, 0.003).toString())
        .isEqualTo("CPU times: total: 2 ms\nWall time: 3 ms");
    assertThat(TimeMagicResult.of(Double.NaN, Double.NaN, 75).toString()).isEqualTo("Wall time: 1min 15s");
  }

  @Test
  void longCompileTimeIsShown() {
    assertThat(TimeMagicResult.of(0, 0, 0.001).withCompileSeconds(0.2).toString())
        .endsWith("\nCompiler : 200 ms");
    assertThat(TimeMagicResult.of(0, 0, 0.001).withCompileSeconds(0.05).toString()).doesNotContain("Compiler");
  }

  @Test
  void stopwatchMeasuresTheRunningThread() throws Exception {
    CpuStopwatch.Timed<Long> timed = CpuStopwatch.time(() -> {
      long x = 0;
      long end = System.nanoTime() + 30_000_000L;
      while (System.nanoTime() < end) {
        x += System.nanoTime() % 7;
      }
      return x;
    });
    TimeMagicResult t = timed.times();
    assertThat(t.wallSeconds()).isGreaterThanOrEqualTo(0.03);
    if (!Double.isNaN(t.totalSeconds())) {
      assertThat(t.totalSeconds()).isGreaterThan(0).isLessThan(t.wallSeconds() + 0.05);
      assertThat(t.userSeconds()).isLessThanOrEqualTo(t.totalSeconds());
    }
    assertThat(t.toString()).contains("Wall time: ");
  }

  @Test
  void sleepingCostsWallTimeNotCpu() throws Exception {
    CpuStopwatch watch = CpuStopwatch.startCurrentThread();
    Thread.sleep(50);
    TimeMagicResult t = watch.stop();
    assertThat(t.wallSeconds()).isGreaterThanOrEqualTo(0.05);
    if (!Double.isNaN(t.totalSeconds())) {
      assertThat(t.totalSeconds()).isLessThan(0.04);
    }
  }
}
