package io.jparallel.controller.records;

import java.time.Instant;

/** Instants as microseconds since the epoch: how records store times (sortable, comparable in SQL). */
public final class Micros {
  private Micros() {}

  public static long now() {
    return io.jparallel.wire.TaskTimes.now();
  }

  public static long of(Instant t) {
    return io.jparallel.wire.TaskTimes.micros(t);
  }

  public static Instant instant(long micros) {
    return io.jparallel.wire.TaskTimes.instant(micros);
  }

  /** An ISO-8601 instant as micros, or 0 when absent or unreadable. */
  public static long parse(String iso) {
    return io.jparallel.wire.TaskTimes.parse(iso);
  }
}
