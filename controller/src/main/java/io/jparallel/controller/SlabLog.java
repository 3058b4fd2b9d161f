package io.jparallel.controller;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of the {@link ResultStore}'s small kept messages (up to
 * {@link ResultStore#SMALL_BYTES}; larger ones go off the heap, {@link OffHeapMessage}), packed one after another into slabs of
 * {@value #SLAB_BYTES} bytes outside the Java heap ({@link DirectMemory}), so the store is a
 * few buffers rather than a dozen small objects per task, and no collection copies or marks
 * kept results: on the heap, young collections copied them (100 ms a pause with 140k replies
 * kept) and, once they sat in the old generation, every full collection of the serial GC moved
 * the ~400 MiB that a benchmark's warm-up leaves kept (130-175 ms a pause, one every 200-300 MiB
 * of large arrays streaming through). A slab whose messages are all gone is reused, or freed
 * beyond {@link #SPARE_SLABS}; new ones are made ahead, off the loop ({@link SlabSupply}). Messages are appended in the store's eviction order, so slabs
 * empty from the oldest.
 *
 * <p>An entry is its key (the message id: two bytes of length, then its UTF-8 bytes), the reply's
 * stored parts, then the request's. Where it lies is one {@code long} ({@link #append}): the slab's
 * number, that number's generation (a freed slab's number is given to a later one) and the
 * offset, so that what refers to an entry is no object at all. Loop thread only.
 */
final class SlabLog {
  static final int SLAB_BYTES = 1 << 20;
  /** Longest key an entry holds. */
  static final int MAX_KEY_BYTES = 1024;
  /** Empty slabs kept for reuse. */
  private static final int SPARE_SLABS = 8;
  private static final int OFFSET_BITS = 21;
  private static final int GENERATION_BITS = 12;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  private static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;

  private final ArrayDeque<Slab> spare = new ArrayDeque<>();
  private final SlabSupply fresh = new SlabSupply(SLAB_BYTES);
  /** Slabs by number (null: free), and each number's generation. */
  private Slab[] slabs = new Slab[64];
  private int[] generations = new int[64];
  private int[] freeNumbers = new int[64];
  private int freeCount;
  private int numbers;
  private Slab current;
  private long allocated;

  /** One slab: its bytes, its number, how far it is filled, and how many kept messages it holds. */
  private static final class Slab {
    final ByteBuffer bytes;
    final int number;
    int used;
    int live;

    Slab(ByteBuffer bytes, int number) {
      this.bytes = bytes;
      this.number = number;
    }

    /** {@code length} bytes at {@code offset}, as a buffer of their own. */
    ByteBuffer at(int offset, int length) {
      return bytes.duplicate().position(offset).limit(offset + length).slice();
    }
  }

  /** Where {@link #append} put an entry, and the lengths of its reply and request (0: none). */
  record Placed(long position, int replyLength, int requestLength) {}

  /** Whether a message with this key and these stored sizes fits an entry. */
  static boolean fits(int keyBytes, long messageBytes) {
    return keyBytes <= MAX_KEY_BYTES && 2 + keyBytes + messageBytes <= SLAB_BYTES;
  }

  /** Appends a key, a reply and its request (null if none). */
  Placed append(byte[] key, Envelope reply, Envelope request) {
    List<ByteBuffer> replyParts = reply.storedParts();
    List<ByteBuffer> requestParts = request == null ? null : request.storedParts();
    int replyLength = Envelope.storedSize(replyParts);
    int requestLength = requestParts == null ? 0 : Envelope.storedSize(requestParts);
    if (!fits(key.length, (long) replyLength + requestLength)) {
      throw new IllegalArgumentException("a message of " + (replyLength + requestLength) + " bytes (key "
          + key.length + ") is not small: keep it as it is");
    }
    int length = 2 + key.length + replyLength + requestLength;
    Slab slab = room(length);
    ByteBuffer dst = slab.at(slab.used, length);
    dst.putShort((short) key.length).put(key);
    Envelope.store(replyParts, dst);
    if (requestParts != null) {
      Envelope.store(requestParts, dst);
    }
    long position = position(slab, slab.used);
    slab.used += length;
    slab.live++;
    return new Placed(position, replyLength, requestLength);
  }

  /** Whether the entry at {@code position} has this key. */
  boolean hasKey(long position, byte[] key) {
    Slab s = slab(position);
    int offset = offset(position);
    if ((s.bytes.getShort(offset) & 0xFFFF) != key.length) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      if (s.bytes.get(offset + 2 + i) != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** The same entry moved to the newest slab (it was just retrieved: the newest to evict), or where it was. */
  long renew(long position, int replyLength, int requestLength) {
    Slab from = slab(position);
    if (from == current) {
      return position;
    }
    int offset = offset(position);
    int length = 2 + (from.bytes.getShort(offset) & 0xFFFF) + replyLength + requestLength;
    Slab slab = room(length);
    slab.at(slab.used, length).put(from.at(offset, length));
    long moved = position(slab, slab.used);
    slab.used += length;
    slab.live++;
    release(position);
    return moved;
  }

  Envelope reply(long position, int replyLength) {
    return read(position, 0, replyLength);
  }

  /** The request kept with the reply, or null. */
  Envelope request(long position, int replyLength, int requestLength) {
    return requestLength == 0 ? null : read(position, replyLength, requestLength);
  }

  /** The entry is no longer kept; its slab is reused once it holds none. */
  void release(long position) {
    Slab s = slab(position);
    if (--s.live == 0 && s != current) {
      retire(s);
    }
  }

  /** Drops every slab (and every entry with them). */
  void clear() {
    for (int i = 0; i < numbers; i++) {
      if (slabs[i] != null) {
        DirectMemory.free(slabs[i].bytes);
        slabs[i] = null;
        generations[i] = (generations[i] + 1) & GENERATION_MASK;
        freeNumbers[freeCount++] = i;
      }
    }
    current = null;
    spare.clear();
    fresh.clear();
    allocated = 0;
  }

  /** Bytes of the slabs allocated now (in use or spare). */
  long allocatedBytes() {
    return allocated;
  }

  private Slab room(int length) {
    if (current != null && current.bytes.capacity() - current.used >= length) {
      return current;
    }
    Slab old = current;
    current = null;
    if (old != null && old.live == 0) {
      retire(old);
    }
    current = spare.pollFirst();
    if (current == null) {
      current = new Slab(fresh.take(), takeNumber());
      slabs[current.number] = current;
      allocated += SLAB_BYTES;
    }
    return current;
  }

  private int takeNumber() {
    if (freeCount > 0) {
      return freeNumbers[--freeCount];
    }
    if (numbers == slabs.length) {
      slabs = Arrays.copyOf(slabs, numbers * 2);
      generations = Arrays.copyOf(generations, numbers * 2);
      freeNumbers = Arrays.copyOf(freeNumbers, numbers * 2);
    }
    return numbers++;
  }

  private void retire(Slab s) {
    if (spare.size() < SPARE_SLABS) {
      s.used = 0;
      s.live = 0;
      spare.addLast(s);
    } else {
      allocated -= SLAB_BYTES;
      slabs[s.number] = null;
      generations[s.number] = (generations[s.number] + 1) & GENERATION_MASK;
      freeNumbers[freeCount++] = s.number;
      DirectMemory.free(s.bytes);
    }
  }

  private long position(Slab s, int offset) {
    return ((long) s.number << (OFFSET_BITS + GENERATION_BITS)) | ((long) generations[s.number] << OFFSET_BITS) | offset;
  }

  private static int offset(long position) {
    return (int) (position & OFFSET_MASK);
  }

  private Slab slab(long position) {
    int number = (int) (position >>> (OFFSET_BITS + GENERATION_BITS));
    int generation = (int) (position >>> OFFSET_BITS) & GENERATION_MASK;
    Slab s = number < numbers ? slabs[number] : null;
    if (s == null || generations[number] != generation) {
      throw new IllegalStateException("a kept message was read after its slab was freed");
    }
    return s;
  }

  /** {@code length} bytes of the entry's messages, {@code from} bytes after its key. */
  private Envelope read(long position, int from, int length) {
    Slab s = slab(position);
    int offset = offset(position);
    int start = offset + 2 + (s.bytes.getShort(offset) & 0xFFFF) + from;
    try {
      return Envelope.stored(s.at(start, length));
    } catch (BadMessageException e) {
      throw new IllegalStateException("a kept message is corrupt: " + e.getMessage(), e);
    }
  }
}
