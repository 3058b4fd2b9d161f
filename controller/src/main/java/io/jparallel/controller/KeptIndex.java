package io.jparallel.controller;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The {@link ResultStore}'s index: a slot per kept message, whose fields are elements of
 * primitive arrays, found by a hash of its message id (open addressing, linear probing), and
 * linked into one of two orders (the store's eviction orders). A task kept this way leaves no
 * object on the heap: with a map of entries, the ~600,000 results a 1 GiB budget holds were
 * ~140 MiB of small objects (six per result: map entry, key string and its bytes, the entry, its
 * slab reference) that each lived some seconds, long enough to be copied by young collections
 * and promoted, then died in the old generation; young pauses of 12-17 ms every ~110 ms and full
 * ones of up to 215 ms in a steady stream of small tasks. Keys are not kept here: a match of the
 * 64-bit hash is confirmed by the caller ({@link #find}). Loop thread only.
 */
final class KeptIndex {
  static final int NONE = -1;
  /** The two orders: messages delivered to a client, and those not yet. */
  static final int READ = 0;
  static final int UNREAD = 1;

  long[] hash;
  /** Where a small message lies in the {@link SlabLog} ({@link SlabLog#append}); unused for a large one. */
  long[] position;
  int[] replyLength;
  int[] requestLength;
  long[] size;
  /** A large message ({@link OffHeapMessage}) and its key (a String), else null. */
  Object[] large;
  String[] largeKey;
  private int[] prev;
  private int[] next;
  private byte[] order;
  private final int[] head = {NONE, NONE};
  private final int[] tail = {NONE, NONE};
  private final int[] counts = new int[2];
  /** Slot + 1 per cell, 0 when empty. */
  private int[] table;
  private int used;
  private int freeSlot = NONE;

  KeptIndex() {
    reset(64);
  }

  /** The slot of the message whose hash is {@code h} and which {@code matches} confirms, or {@link #NONE}. */
  int find(long h, IntPredicate matches) {
    int mask = table.length - 1;
    for (int i = cell(h, mask); table[i] != 0; i = (i + 1) & mask) {
      int s = table[i] - 1;
      if (hash[s] == h && matches.test(s)) {
        return s;
      }
    }
    return NONE;
  }

  /** A new slot for hash {@code h}, at the end of {@code order}; its fields are the caller's to set. */
  int add(long h, int order) {
    if (freeSlot == NONE) {
      grow();
    }
    if (2 * (count() + 1) > table.length) {
      rehash(table.length * 2);
    }
    int s = freeSlot;
    freeSlot = next[s];
    hash[s] = h;
    link(s, order);
    int mask = table.length - 1;
    int i = cell(h, mask);
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = s + 1;
    return s;
  }

  /** Frees a slot: out of its order and of the table. */
  void remove(int s) {
    unlink(s);
    unhash(s);
    if (large[s] != null) { // reference arrays are written only when they hold something: each write marks a card
      large[s] = null;
      largeKey[s] = null;
    }
    next[s] = freeSlot;
    freeSlot = s;
  }

  /** Moves a slot to the end of {@code order}. */
  void moveToEnd(int s, int order) {
    unlink(s);
    link(s, order);
  }

  /** The first slot of {@code order} (the next to evict), or {@link #NONE}. */
  int first(int order) {
    return head[order];
  }

  /** The slot after {@code s} in its order, or {@link #NONE}. */
  int after(int s) {
    return next[s];
  }

  int count() {
    return counts[READ] + counts[UNREAD];
  }

  /** Forgets every slot. */
  void clear() {
    reset(64);
  }

  /** A 64-bit hash of a message id (FNV-1a over its chars, then mixed). */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static int cell(long h, int mask) {
    return (int) h & mask;
  }

  private void link(int s, int o) {
    order[s] = (byte) o;
    prev[s] = tail[o];
    next[s] = NONE;
    if (tail[o] == NONE) {
      head[o] = s;
    } else {
      next[tail[o]] = s;
    }
    tail[o] = s;
    counts[o]++;
  }

  private void unlink(int s) {
    int o = order[s];
    if (prev[s] == NONE) {
      head[o] = next[s];
    } else {
      next[prev[s]] = next[s];
    }
    if (next[s] == NONE) {
      tail[o] = prev[s];
    } else {
      prev[next[s]] = prev[s];
    }
    counts[o]--;
  }

  /** Takes {@code s} out of the table, shifting back the cells of its probe run that may move (no tombstones). */
  private void unhash(int s) {
    int mask = table.length - 1;
    int i = cell(hash[s], mask);
    while (table[i] != s + 1) {
      i = (i + 1) & mask;
    }
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (table[j] == 0) {
        break;
      }
      int k = cell(hash[table[j] - 1], mask);
      // the entry at j may move to the hole at i unless its home k lies cyclically in (i, j]
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        table[i] = table[j];
        i = j;
      }
    }
    table[i] = 0;
  }

  private void rehash(int cells) {
    int[] t = new int[cells];
    int mask = cells - 1;
    for (int o = 0; o < 2; o++) {
      for (int s = head[o]; s != NONE; s = next[s]) {
        int i = cell(hash[s], mask);
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = s + 1;
      }
    }
    table = t;
  }

  private void grow() {
    int n = used == 0 ? hash.length : used * 2;
    if (n > hash.length) {
      hash = Arrays.copyOf(hash, n);
      position = Arrays.copyOf(position, n);
      replyLength = Arrays.copyOf(replyLength, n);
      requestLength = Arrays.copyOf(requestLength, n);
      size = Arrays.copyOf(size, n);
      large = Arrays.copyOf(large, n);
      largeKey = Arrays.copyOf(largeKey, n);
      prev = Arrays.copyOf(prev, n);
      next = Arrays.copyOf(next, n);
      order = Arrays.copyOf(order, n);
    }
    for (int s = n - 1; s >= used; s--) {
      next[s] = freeSlot;
      freeSlot = s;
    }
    used = n;
  }

  private void reset(int slots) {
    hash = new long[slots];
    position = new long[slots];
    replyLength = new int[slots];
    requestLength = new int[slots];
    size = new long[slots];
    large = new Object[slots];
    largeKey = new String[slots];
    prev = new int[slots];
    next = new int[slots];
    order = new byte[slots];
    table = new int[2 * slots];
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
    Arrays.fill(counts, 0);
    used = 0;
    freeSlot = NONE;
  }
}
