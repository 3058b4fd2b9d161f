package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Adaptive credit: run times set how much work an engine holds, turnarounds add what covers them. */
class TaskQueueCreditTest {
  private final TaskQueue adaptive = new TaskQueue(Scheme.LEASTLOAD, 0);

  private static EngineState engine() {
    return new EngineState(0, new byte[] {1}, 1, "localhost", 0);
  }

  @Test
  void unmeasuredEngineGetsTheStartingCredit() {
    assertThat(adaptive.credit(engine())).isEqualTo(TaskQueue.UNKNOWN_CREDIT);
  }

  @Test
  void runTimesAloneGiveAboutTenMillisecondsOfWork() {
    EngineState e = engine();
    e.ran(1_000);
    assertThat(adaptive.credit(e)).isEqualTo(10);
    EngineState slow = engine();
    slow.ran(2_000_000);
    assertThat(adaptive.credit(slow)).as("long tasks: two slots").isEqualTo(TaskQueue.MIN_CREDIT);
    EngineState tiny = engine();
    tiny.ran(1);
    assertThat(adaptive.credit(tiny)).isEqualTo(TaskQueue.MAX_CREDIT);
  }

  @Test
  void turnaroundsAddTheTasksThatCoverThem() {
    EngineState e = engine();
    e.ran(1_000);
    // dispatched at 100 ms, back at 104 ms; the engine read it at 5 ms and completed it at 6 ms of its clock
    e.turnedAround(100_000, 104_000, 5_000, 6_000);
    assertThat(e.turnaroundEwmaUs).isEqualTo(3_000);
    assertThat(adaptive.credit(e)).as("10 ms of work plus two turnarounds of 3 ms").isEqualTo(16);
    EngineState slow = engine();
    slow.ran(2_000_000);
    slow.turnedAround(100_000, 2_104_000, 5_000, 2_005_000);
    assertThat(adaptive.credit(slow)).as("long tasks keep two slots").isEqualTo(TaskQueue.MIN_CREDIT);
  }

  @Test
  void fixedHighWaterMarkIgnoresMeasurements() {
    EngineState e = engine();
    e.ran(1_000);
    e.turnedAround(100_000, 104_000, 5_000, 6_000);
    assertThat(new TaskQueue(Scheme.LEASTLOAD, 3).credit(e)).isEqualTo(3);
  }

  @Test
  void impossibleStampsAreNotMeasurements() {
    EngineState e = engine();
    e.turnedAround(0, 104_000, 5_000, 6_000); // never dispatched (stamp missing)
    e.turnedAround(100_000, 104_000, 0, 6_000); // an engine that sends no stamps
    e.turnedAround(100_000, 104_000, 7_000, 6_000); // completed before it was read
    e.turnedAround(100_000, 100_500, 5_000, 6_000); // shorter than the engine's own part: a clock stepped
    e.turnedAround(100_000, 100_000 + EngineState.MAX_TURNAROUND_US + 2_000, 5_000, 6_000);
    assertThat(e.turnaroundEwmaUs).isNaN();
    e.turnedAround(100_000, 102_000, 5_000, 6_000);
    e.turnedAround(200_000, 206_000, 9_000, 10_000);
    assertThat(e.turnaroundEwmaUs).as("a moving average").isEqualTo(1_000 + 0.2 * (5_000 - 1_000));
  }
}
