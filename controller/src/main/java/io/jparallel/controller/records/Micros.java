package io.jparallel.controller.records;

import java.time.Instant;

/** Instants as microseconds since the epoch: how records store times (sortable, comparable in SQL). */
public final class Micros {
  private Micros() {}

  public static long now() {
    return of(Instant.now());
  }

  public static long of(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** An ISO-8601 instant as micros, or 0 when absent or unreadable. */
  public static long parse(String iso) {
    if (iso == null || iso.isEmpty()) {
      return 0;
    }
    try {
      return of(Instant.parse(iso));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
