package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskTimesTest {
  /** The fast ISO text reads back as the instant to the microsecond, always with six digits. */
  @Test
  void isoTextIsTheInstantToTheMicrosecond() {
    Random r = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
      String s = TaskTimes.iso(t);
      assertThat(Instant.parse(s)).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
      assertThat(s).hasSize(27).endsWith("Z");
    }
    assertThat(TaskTimes.iso(Instant.parse("2026-12-02T03:11:47Z"))).isEqualTo("2026-12-02T03:11:47.000000Z");
    assertThat(TaskTimes.iso(Instant.parse("+12026-01-01T00:00:00Z"))).isEqualTo("+12026-01-01T00:00:00Z");
    assertThat(TaskTimes.micros(Instant.ofEpochSecond(3, 4_005))).isEqualTo(3_000_004L);
  }
}
