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
 * longs (the order to forget them in) and an open-addressing table holding the same 128 bits
 * inline: no allocation per message, on the controller's path of every task, and one cache
 * line of the table per lookup (the table used to hold ring positions, which cost another miss
 * in the 1 MiB ring per probe and per shift: 12% of the controller loop's samples).
 */
public final class ReplayGuard {
  public static final int DEFAULT_CAPACITY = 1 << 16;
  /** A free table slot's high half (no key has it: {@link #bits} and {@link #fnv} step around it). */
  private static final long FREE = Long.MIN_VALUE;

  private final int capacity;
  /** Two longs per remembered signature, in the order seen; the oldest is overwritten first. */
  private final long[] ring;
  /** Linear probing, two longs a slot (the key's halves), at most half full. */
  private final long[] table;
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
    int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    this.table = new long[2 * slots];
    for (int i = 0; i < slots; i++) {
      table[2 * i] = FREE;
    }
    this.mask = slots - 1;
  }

  /** True the first time a key is seen, false for a replay. */
  public boolean firstSeen(String key) {
    return firstSeen(key.getBytes(StandardCharsets.US_ASCII));
  }

  /** True the first time a signature (its ASCII bytes) is seen, false for a replay. */
  public synchronized boolean firstSeen(byte[] signature) {
    long hi = bits(signature, 0);
    long lo = bits(signature, 16);
    if (hi == FREE || lo == FREE) { // not 32 hex digits: hash the whole
      hi = fnv(signature, 0xcbf29ce484222325L);
      lo = fnv(signature, 0x84222325cbf29ce4L);
    }
    int i = home(hi, lo);
    while (table[2 * i] != FREE) {
      if (table[2 * i] == hi && table[2 * i + 1] == lo) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (size == capacity) {
      forget(ring[2 * next], ring[2 * next + 1]); // the oldest
      // the shift may have moved an entry into the free slot found above: find one again
      i = home(hi, lo);
      while (table[2 * i] != FREE) {
        i = (i + 1) & mask;
      }
    } else {
      size++;
    }
    ring[2 * next] = hi;
    ring[2 * next + 1] = lo;
    table[2 * i] = hi;
    table[2 * i + 1] = lo;
    next = next + 1 == capacity ? 0 : next + 1;
    return true;
  }

  /** Removes a key from the table (backward-shift deletion keeps probing correct). */
  private void forget(long hi, long lo) {
    int i = home(hi, lo);
    while (table[2 * i] != hi || table[2 * i + 1] != lo) {
      i = (i + 1) & mask;
    }
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (table[2 * j] == FREE) {
        break;
      }
      int k = home(table[2 * j], table[2 * j + 1]);
      boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
      if (movable) {
        table[2 * i] = table[2 * j];
        table[2 * i + 1] = table[2 * j + 1];
        i = j;
      }
    }
    table[2 * i] = FREE;
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
