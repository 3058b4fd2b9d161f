package io.jparallel.controller;

import java.util.Arrays;

/**
 * Whether each of the most recent finished tasks succeeded, by message id (for {@code after}
 * dependencies), up to a number of tasks ({@code --records}); the oldest go first. It keeps no
 * object per task: a slot is an element of a few primitive arrays in a ring, in finishing
 * order, found through a {@link SlotTable} by a 64-bit hash of the id and confirmed by a second,
 * independent one (two ids agreeing on 128 bits: never, in practice); a removed task's place stays in
 * the ring, empty, until its turn to go. As a map of entries, the
 * 100,000 statuses were ~12 MiB of small objects (entry, id string, its bytes) that each lived
 * seconds in a stream of small tasks: copied by every young collection until promoted, then
 * dead in the old generation. Loop thread only.
 */
final class FinishedStatuses {
  private static final byte EMPTY = 0;
  private static final byte OK = 1;
  private static final byte FAILED = 2;

  private final int capacity;
  private long[] hash = new long[0];
  private long[] check = new long[0];
  private byte[] status = new byte[0];
  /** The oldest slot of the ring, and how many slots it holds (a removed one stays, empty, until its turn). */
  private int start;
  private int used;
  private final SlotTable table = new SlotTable(s -> hash[s]);

  FinishedStatuses(int capacity) {
    this.capacity = Math.max(0, capacity);
  }

  /** The task finished with {@code status} ({@code ok} or another); replaces what was known of it. */
  void put(String msgId, String status) {
    if (capacity == 0) {
      return;
    }
    byte code = "ok".equals(status) ? OK : FAILED;
    long h = KeptIndex.hash(msgId);
    long c = check(msgId);
    int s = find(h, c);
    if (s >= 0) {
      this.status[s] = code;
      return;
    }
    if (used == capacity) { // the ring is full: its oldest slot is the next
      s = start;
      if (this.status[s] != EMPTY) {
        table.remove(hash[s], s);
      }
      start = (start + 1) % capacity;
    } else { // not wrapped yet: start is 0, slots fill in order
      if (used == hash.length) {
        grow();
      }
      s = used++;
    }
    hash[s] = h;
    check[s] = c;
    this.status[s] = code;
    table.insert(h, s);
  }

  /** Whether the task finished ok; null when it is not (or no longer) known here. */
  Boolean ok(String msgId) {
    int s = find(KeptIndex.hash(msgId), check(msgId));
    return s < 0 ? null : status[s] == OK;
  }

  /** Forgets one task. */
  void remove(String msgId) {
    int s = find(KeptIndex.hash(msgId), check(msgId));
    if (s >= 0) {
      table.remove(hash[s], s);
      status[s] = EMPTY;
    }
  }

  /** How many tasks are known. */
  int count() {
    return table.count();
  }

  void clear() {
    hash = new long[0];
    check = new long[0];
    status = new byte[0];
    start = 0;
    used = 0;
    table.clear();
  }

  private int find(long h, long c) {
    return table.find(h, s -> check[s] == c);
  }

  private void grow() {
    int n = (int) Math.min(capacity, Math.max(64L, 2L * hash.length));
    hash = Arrays.copyOf(hash, n);
    check = Arrays.copyOf(check, n);
    status = Arrays.copyOf(status, n);
  }

  /** A second 64-bit hash of a message id, independent of {@link KeptIndex#hash}: a polynomial over its chars, mixed. */
  static long check(String id) {
    long h = 0x9e3779b97f4a7c15L;
    for (int i = 0; i < id.length(); i++) {
      h = (h + id.charAt(i)) * 0xbf58476d1ce4e5b9L;
      h ^= h >>> 29;
    }
    h ^= h >>> 31;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 32);
  }
}
