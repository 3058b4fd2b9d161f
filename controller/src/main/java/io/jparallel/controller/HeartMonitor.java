package io.jparallel.controller;

import io.jparallel.wire.Heart;
import io.jparallel.wire.Liveness;
import java.util.ArrayList;
import java.util.function.BiConsumer;

/**
 * Decides when engines are dead, by the one {@link Liveness} policy: from the beats its
 * {@link Heart} (own socket, own thread) hears, any message the loop had from the engine, and
 * connections the heart found closed. Confined to the loop thread (the heart is its own).
 */
final class HeartMonitor {
  private final Liveness liveness;
  private final Heart heart;
  private final long checkNanos;
  private long nextCheck;

  HeartMonitor(ControllerOptions options, Heart heart) {
    this.liveness = options.liveness();
    this.heart = heart;
    this.checkNanos = options.heartbeatMs() * 1_000_000L;
    this.nextCheck = System.nanoTime() + checkNanos;
  }

  long nextCheck() {
    return nextCheck;
  }

  int port() {
    return heart.port();
  }

  /** Once a period: engines the liveness policy says are dead are handed to {@code died}. */
  void tick(long now, Engines engines, BiConsumer<EngineState, String> died) {
    if (now < nextCheck) {
      return;
    }
    nextCheck = now + checkNanos;
    for (EngineState e : new ArrayList<>(engines.all())) {
      long beat = heart.lastHeard(e.identity);
      long last = beat != 0 && beat - e.lastSeenNanos > 0 ? beat : e.lastSeenNanos;
      String why = liveness.deadBecause(now, last, heart.closedSince(e.identity));
      if (why != null) {
        died.accept(e, why);
      }
    }
  }
}
