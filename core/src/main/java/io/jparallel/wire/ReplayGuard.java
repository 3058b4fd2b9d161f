package io.jparallel.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} accepted messages (of every channel; keyed by message
 * id and signature) so a captured, validly signed message sent again is rejected. Like
 * jupyter_client's digest history, the memory is bounded: the oldest are forgotten first.
 */
public final class ReplayGuard {
  public static final int DEFAULT_CAPACITY = 1 << 16;

  private final Map<String, Boolean> seen;

  public ReplayGuard() {
    this(DEFAULT_CAPACITY);
  }

  public ReplayGuard(int capacity) {
    this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True the first time a key is seen, false for a replay. */
  public synchronized boolean firstSeen(String key) {
    return seen.putIfAbsent(key, Boolean.TRUE) == null;
  }
}
