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
 * 64-bit hash is confirmed by the caller ({@link #find}); the hashes are found through a
 * {@link SlotTable}. Loop thread only.
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
  private final SlotTable table = new SlotTable(s -> hash[s]);
  private int used;
  private int freeSlot = NONE;

  KeptIndex() {
    reset(64);
  }

  /** The slot of the message whose hash is {@code h} and which {@code matches} confirms, or {@link #NONE} ({@code -1}). */
  int find(long h, IntPredicate matches) {
    return table.find(h, matches);
  }

  /** A new slot for hash {@code h}, at the end of {@code order}; its fields are the caller's to set. */
  int add(long h, int order) {
    if (freeSlot == NONE) {
      grow();
    }
    int s = freeSlot;
    freeSlot = next[s];
    hash[s] = h;
    link(s, order);
    table.insert(h, s);
    return s;
  }

  /** Frees a slot: out of its order and of the table. */
  void remove(int s) {
    unlink(s);
    table.remove(hash[s], s);
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
    table.clear();
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
    Arrays.fill(counts, 0);
    used = 0;
    freeSlot = NONE;
  }
}
