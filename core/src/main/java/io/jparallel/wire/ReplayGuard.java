package io.jparallel.wire;

import java.nio.charset.StandardCharsets;

/**
 * Remembers the signatures of the last {@code capacity} messages a {@link WireCodec}
 * accepted, so a captured, validly signed message sent again is refused. A signature covers
 * the header (message id and date), so two messages that merely share an id, as
 * jupyter_client's cloned sessions send, are not mistaken for a replay. Like jupyter_client's
 * digest history, the memory is bounded: the oldest are forgotten first. Thread-safe, so
 * the codecs of several sockets can share one.
 *
 * <p>A signature is remembered by its first 128 bits (an HMAC's bits are uniform: two
 * different messages share them with a chance of 2^-128 per pair), in a ring of primitive
 * longs and an open-addressing index over it: no allocation per message, on the controller's
 * path of every task.
 */
public final class ReplayGuard {
  public static final int DEFAULT_CAPACITY = 1 << 16;

  private final int capacity;
  /** Two longs per remembered signature, oldest overwritten first. */
  private final long[] ring;
  /** Open addressing (linear probing): ring slot + 1, 0 for empty; at most half full. */
  private final int[] index;
  private final int mask;
  private int next;
  private int size;

  public ReplayGuard() {
    this(DEFAULT_CAPACITY);
  }

  public ReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.ring = new long[2 * capacity];
    this.index = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2];
    this.mask = index.length - 1;
  }

  /** True the first time a key is seen, false for a replay. */
  public boolean firstSeen(String key) {
    return firstSeen(key.getBytes(StandardCharsets.US_ASCII));
  }

  /** True the first time a signature (its ASCII bytes) is seen, false for a replay. */
  public synchronized boolean firstSeen(byte[] signature) {
    long hi = bits(signature, 0);
    long lo = bits(signature, 16);
    if (hi == Long.MIN_VALUE || lo == Long.MIN_VALUE) { // not 32 hex digits: hash the whole
      hi = fnv(signature, 0xcbf29ce484222325L);
      lo = fnv(signature, 0x84222325cbf29ce4L);
    }
    int i = home(hi, lo);
    while (index[i] != 0) {
      int slot = index[i] - 1;
      if (ring[2 * slot] == hi && ring[2 * slot + 1] == lo) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (size == capacity) {
      forget(next); // the oldest
    } else {
      size++;
    }
    ring[2 * next] = hi;
    ring[2 * next + 1] = lo;
    // the probe above may have passed the forgotten entry's slot: find a free one again
    i = home(hi, lo);
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = next + 1;
    next = (next + 1) % capacity;
    return true;
  }

  /** Removes ring slot {@code slot} from the index (backward-shift deletion keeps probing correct). */
  private void forget(int slot) {
    int i = home(ring[2 * slot], ring[2 * slot + 1]);
    while (index[i] != slot + 1) {
      i = (i + 1) & mask;
    }
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (index[j] == 0) {
        break;
      }
      int s = index[j] - 1;
      int k = home(ring[2 * s], ring[2 * s + 1]);
      boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
      if (movable) {
        index[i] = index[j];
        i = j;
      }
    }
    index[i] = 0;
  }

  private int home(long hi, long lo) {
    long h = (hi ^ (lo * 0x9E3779B97F4A7C15L));
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** 64 bits from 16 hex digits at {@code from}, or Long.MIN_VALUE if they are not there. */
  private static long bits(byte[] s, int from) {
    if (s.length < from + 16) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      int c = s[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return Long.MIN_VALUE;
      }
      v = (v << 4) | d;
    }
    return v == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : v;
  }

  private static long fnv(byte[] s, long seed) {
    long h = seed;
    for (byte b : s) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h == Long.MIN_VALUE ? h + 1 : h;
  }
}
