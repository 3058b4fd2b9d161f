package io.jparallel.controller;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * empty from the oldest. Loop thread only.
 */
final class SlabLog {
  static final int SLAB_BYTES = 1 << 20;
  /** Empty slabs kept for reuse. */
  private static final int SPARE_SLABS = 8;

  private final ArrayDeque<Slab> spare = new ArrayDeque<>();
  private final SlabSupply fresh = new SlabSupply(SLAB_BYTES);
  private Slab current;
  private long allocated;

  /** One slab: its bytes, how far it is filled, and how many kept messages it holds. */
  static final class Slab {
    final ByteBuffer bytes;
    int used;
    int live;
    boolean freed;

    Slab(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    /** {@code length} bytes at {@code offset}, as a buffer of their own. */
    ByteBuffer at(int offset, int length) {
      if (freed) {
        throw new IllegalStateException("a kept message was read after its slab was freed");
      }
      return bytes.duplicate().position(offset).limit(offset + length).slice();
    }

    void free() {
      freed = true;
      DirectMemory.free(bytes);
    }
  }

  /** Where one kept message and, optionally, its request lie. */
  record Ref(Slab slab, int offset, int replyLength, int requestLength) {}

  /** Appends a reply and its request (null if none). */
  Ref append(Envelope reply, Envelope request) {
    List<ByteBuffer> replyParts = reply.storedParts();
    List<ByteBuffer> requestParts = request == null ? null : request.storedParts();
    int replyLength = Envelope.storedSize(replyParts);
    int requestLength = requestParts == null ? 0 : Envelope.storedSize(requestParts);
    int length = replyLength + requestLength;
    if (length > SLAB_BYTES) {
      throw new IllegalArgumentException("a message of " + length + " bytes is not small: keep it as it is");
    }
    Slab slab = room(length);
    ByteBuffer dst = slab.at(slab.used, length);
    Envelope.store(replyParts, dst);
    if (requestParts != null) {
      Envelope.store(requestParts, dst);
    }
    Ref ref = new Ref(slab, slab.used, replyLength, requestLength);
    slab.used += length;
    slab.live++;
    return ref;
  }

  /** The same message moved to the newest slab (it was just retrieved: the newest to evict), or itself. */
  Ref renew(Ref ref) {
    if (ref.slab() == current) {
      return ref;
    }
    int length = ref.replyLength() + ref.requestLength();
    Slab slab = room(length);
    slab.at(slab.used, length).put(ref.slab().at(ref.offset(), length));
    Ref moved = new Ref(slab, slab.used, ref.replyLength(), ref.requestLength());
    slab.used += length;
    slab.live++;
    release(ref);
    return moved;
  }

  Envelope reply(Ref ref) {
    return read(ref.slab(), ref.offset(), ref.replyLength());
  }

  /** The request kept with the reply, or null. */
  Envelope request(Ref ref) {
    return ref.requestLength() == 0 ? null : read(ref.slab(), ref.offset() + ref.replyLength(), ref.requestLength());
  }

  /** The message is no longer kept; its slab is reused once it holds none. */
  void release(Ref ref) {
    Slab s = ref.slab();
    if (--s.live == 0 && s != current) {
      retire(s);
    }
  }

  /** Drops every slab; those still holding messages are freed by the GC once nothing refers to them. */
  void clear() {
    if (current != null && current.live == 0) {
      current.free();
    }
    current = null;
    spare.forEach(Slab::free);
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
      current = new Slab(fresh.take());
      allocated += SLAB_BYTES;
    }
    return current;
  }

  private void retire(Slab s) {
    if (spare.size() < SPARE_SLABS) {
      s.used = 0;
      s.live = 0;
      spare.addLast(s);
    } else {
      allocated -= SLAB_BYTES;
      s.free();
    }
  }

  private static Envelope read(Slab s, int offset, int length) {
    try {
      return Envelope.stored(s.at(offset, length));
    } catch (BadMessageException e) {
      throw new IllegalStateException("a kept message is corrupt: " + e.getMessage(), e);
    }
  }
}
