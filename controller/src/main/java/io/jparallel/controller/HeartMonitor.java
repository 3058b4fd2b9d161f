package io.jparallel.controller;

import io.jparallel.wire.Json;
import io.jparallel.wire.MsgType;
import java.util.ArrayList;
import java.util.function.BiConsumer;

/**
 * Decides when an engine is dead for want of heartbeats, and beats to every engine.
 * Confined to the loop thread.
 */
final class HeartMonitor {
  private final long periodNanos;
  private final ControllerSockets out;
  private long nextBeat;

  HeartMonitor(ControllerOptions options, ControllerSockets out) {
    this.periodNanos = options.heartbeatMs() * 1_000_000L;
    this.out = out;
    this.nextBeat = System.nanoTime() + periodNanos;
  }

  long nextBeat() {
    return nextBeat;
  }

  /** When a beat is due: engines silent for three and a half periods die, the others get a beat. */
  void tick(long now, Engines engines, BiConsumer<EngineState, String> died) {
    if (now < nextBeat) {
      return;
    }
    long limit = periodNanos * 7 / 2;
    for (EngineState e : new ArrayList<>(engines.all())) {
      if (now - e.lastSeenNanos > limit) {
        died.accept(e, "it missed 3 heartbeats");
      } else {
        out.toEngine(e, out.session.message(MsgType.HEARTBEAT, Json.object()));
      }
    }
    nextBeat = now + periodNanos;
  }
}
