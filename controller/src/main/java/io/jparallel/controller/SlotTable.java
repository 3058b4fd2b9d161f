package io.jparallel.controller;

import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * Finds an owner's slots (indices into its primitive arrays) by a 64-bit hash: open
 * addressing, linear probing, at most half full, and deletion by shifting back the cells of a
 * probe run (no tombstones, so a table that sees endless adds and removes never degrades). It
 * keeps no hash itself: {@code hashOf} gives a slot's. The index of kept results
 * ({@link KeptIndex}) and the finished statuses ({@link FinishedStatuses}) use it. One thread only.
 */
final class SlotTable {
  private static final int MIN_CELLS = 64;
  private final IntToLongFunction hashOf;
  /** Slot + 1 per cell, 0 when empty. */
  private int[] cells = new int[MIN_CELLS];
  private int count;

  SlotTable(IntToLongFunction hashOf) {
    this.hashOf = hashOf;
  }

  /** The first slot of hash {@code h} that {@code matches} confirms, or -1. */
  int find(long h, IntPredicate matches) {
    int mask = cells.length - 1;
    for (int i = cell(h, mask); cells[i] != 0; i = (i + 1) & mask) {
      int s = cells[i] - 1;
      if (hashOf.applyAsLong(s) == h && matches.test(s)) {
        return s;
      }
    }
    return -1;
  }

  /** Adds {@code slot}, whose hash ({@code hashOf}) is {@code h}. */
  void insert(long h, int slot) {
    if (2 * (count + 1) > cells.length) {
      rehash(cells.length * 2);
    }
    place(cells, h, slot);
    count++;
  }

  /** Takes {@code slot} (hash {@code h}) out, shifting back the cells of its probe run that may move. */
  void remove(long h, int slot) {
    int mask = cells.length - 1;
    int i = cell(h, mask);
    while (cells[i] != slot + 1) {
      if (cells[i] == 0) {
        throw new IllegalStateException("slot " + slot + " is not in the table");
      }
      i = (i + 1) & mask;
    }
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (cells[j] == 0) {
        break;
      }
      int k = cell(hashOf.applyAsLong(cells[j] - 1), mask);
      // the entry at j may move to the hole at i unless its home k lies cyclically in (i, j]
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        cells[i] = cells[j];
        i = j;
      }
    }
    cells[i] = 0;
    count--;
  }

  int count() {
    return count;
  }

  /** Forgets every slot. */
  void clear() {
    cells = new int[MIN_CELLS];
    count = 0;
  }

  private void rehash(int n) {
    int[] t = new int[n];
    for (int c : cells) {
      if (c != 0) {
        place(t, hashOf.applyAsLong(c - 1), c - 1);
      }
    }
    cells = t;
  }

  private static void place(int[] t, long h, int slot) {
    int mask = t.length - 1;
    int i = cell(h, mask);
    while (t[i] != 0) {
      i = (i + 1) & mask;
    }
    t[i] = slot + 1;
  }

  private static int cell(long h, int mask) {
    return (int) h & mask;
  }
}
