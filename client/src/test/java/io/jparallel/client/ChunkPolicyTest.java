package io.jparallel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 10.6: the automatic chunk size of lv.map. */
class ChunkPolicyTest {
  @Test
  void smallMapsAreOneItemPerTask() {
    assertThat(ChunkPolicy.chunkSize(64, 4, Double.NaN)).isEqualTo(1);
    assertThat(ChunkPolicy.chunkSize(1, 1, Double.NaN)).isEqualTo(1);
  }

  @Test
  void unmeasuredBigMapsGoInAboutSixtyFourTasksPerEngine() {
    int size = ChunkPolicy.chunkSize(10_000, 2, Double.NaN);
    assertThat(size).isEqualTo(79);
    assertThat((10_000 + size - 1) / size).isBetween(100, 130);
  }

  @Test
  void measuredItemsFillAboutTenMillisecondsAndTheLoadStillBalances() {
    assertThat(ChunkPolicy.chunkSize(100_000, 4, 1e-5)).isEqualTo(1000);   // 10 µs items: 1000 a task
    assertThat(ChunkPolicy.chunkSize(100_000, 4, 1.0)).isEqualTo(1);       // 1 s items: one a task
    assertThat(ChunkPolicy.chunkSize(1000, 4, 1e-9)).isEqualTo(63);        // tiny items: still 4+ tasks per engine
  }

  @Test
  void whatTasksTookIsRememberedPerFunction() {
    class Fn {}
    assertThat(ChunkPolicy.chunkSize(Fn.class, 100_000, 4)).isEqualTo(ChunkPolicy.chunkSize(100_000, 4, Double.NaN));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    ChunkPolicy.record(Fn.class, 100, t0, t0.plusMillis(1)); // 10 µs an item
    assertThat(ChunkPolicy.chunkSize(Fn.class, 100_000, 4)).isEqualTo(1000);
  }
}
