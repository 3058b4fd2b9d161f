package io.jparallel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.Json;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A latency or throughput row is its median round, with every round's rate beside it. */
class LatencyRoundsTest {
  @Test
  void countsRepeatUntilTheySendSomeTwentyThousandEchoesFiveToTwentyFiveRounds() {
    assertThat(Benchmarks.autoLatencyRepeat(4096)).isEqualTo(Benchmarks.MIN_LATENCY_REPEAT);
    assertThat(Benchmarks.autoLatencyRepeat(100_000)).isEqualTo(Benchmarks.MIN_LATENCY_REPEAT);
    assertThat(Benchmarks.autoLatencyRepeat(1024)).isEqualTo(20);
    assertThat(Benchmarks.autoLatencyRepeat(256)).isEqualTo(Benchmarks.MAX_LATENCY_REPEAT);
    assertThat(Benchmarks.autoLatencyRepeat(16)).isEqualTo(Benchmarks.MAX_LATENCY_REPEAT);
    assertThat(BenchPlan.defaults(EnumSet.of(BenchPlan.Part.LATENCY), Benchmarks.ViewKind.LOADBALANCED).latencyRepeat())
        .as("the default repeats by count").isZero();
  }

  @Test
  void theRowIsTheMedianRoundByTimeAndTheTableShowsTheRangeOfRounds() {
    BenchReport.Latency slow = new BenchReport.Latency(4096, 0.02, 0.4096, 204_800, 10_000, 90.0);
    BenchReport.Latency mid = new BenchReport.Latency(4096, 0.02, 0.2048, 204_800, 20_000, 80.0);
    BenchReport.Latency fast = new BenchReport.Latency(4096, 0.02, 0.1365, 204_800, 30_000, 70.0);
    BenchReport.Latency m = Benchmarks.median(List.of(fast, slow, mid), BenchReport.Latency::roundtripS)
        .withRounds(List.of(30_000.0, 10_000.0, 20_000.0));
    assertThat(m.roundtripPerS()).isEqualTo(20_000);
    assertThat(m.cpuUsPerTask()).as("the CPU of the median round").isEqualTo(80.0);
    String text = new BenchReport("jparallel", "17", 4, "loadbalanced", "", List.of(m), null, null, null).table();
    assertThat(text).contains("roundtrip     20000/s  cpu  80.0 us/task  (the median of 3 rounds: 10000-30000/s)");
    String one = new BenchReport("jparallel", "17", 4, "loadbalanced", "", List.of(mid), null, null, null).table();
    assertThat(one).doesNotContain("median");
  }

  @Test
  void aRowWithoutRoundsReadsAsOneRound() throws Exception {
    BenchReport.Latency r = Json.MAPPER.readValue("{\"n\":16,\"sent_s\":0.001,\"roundtrip_s\":0.01,\"sent_per_s\":16000,"
        + "\"roundtrip_per_s\":1600}", BenchReport.Latency.class);
    assertThat(r.roundsPerS()).containsExactly(1600.0);
    assertThat(Json.MAPPER.writeValueAsString(new BenchReport.Latency(16, 0.001, 0.01, 16000, 1600).withRounds(List.of(1500.0, 1600.0))))
        .contains("\"rounds_per_s\":[1500.0,1600.0]");
  }

  @Test
  void aThroughputRowIsItsSizesMedianRoundWithTheRangeOfRounds() throws Exception {
    BenchReport.Throughput slow = new BenchReport.Throughput(4 << 20, 100, 0.2, 1.1, 381, 2097);
    BenchReport.Throughput mid = new BenchReport.Throughput(4 << 20, 100, 0.1, 0.6, 699, 4194);
    BenchReport.Throughput fast = new BenchReport.Throughput(4 << 20, 100, 0.1, 0.5, 838, 4194);
    BenchReport.Throughput m = Benchmarks.median(List.of(slow, fast, mid), BenchReport.Throughput::roundtripS)
        .withRounds(List.of(381.0, 838.0, 699.0));
    assertThat(m.mbPerS()).isEqualTo(699);
    String text = new BenchReport("jparallel", "17", 4, "loadbalanced", "", null, List.of(m), null, null).table();
    assertThat(text).contains("699.0 MB/s  (the median of 3 rounds: 381.0-838.0 MB/s)");
    assertThat(Json.MAPPER.readValue("{\"bytes\":8,\"n\":100,\"sent_s\":0.01,\"roundtrip_s\":0.02,\"mb_per_s\":0.04,"
        + "\"sent_mb_per_s\":0.08}", BenchReport.Throughput.class).roundsMbPerS()).containsExactly(0.04);
  }
}
