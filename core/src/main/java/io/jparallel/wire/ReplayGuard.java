package io.jparallel.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of the last {@code capacity} messages a {@link WireCodec}
 * accepted, so a captured, validly signed message sent again is refused. A signature covers
 * the header (message id and date), so two messages that merely share an id, as
 * jupyter_client's cloned sessions send, are not mistaken for a replay. Like jupyter_client's
 * digest history, the memory is bounded: the oldest are forgotten first. Thread-safe, so
 * the codecs of several sockets can share one.
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
