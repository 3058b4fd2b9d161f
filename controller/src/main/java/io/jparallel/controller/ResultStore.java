package io.jparallel.controller;

import io.jparallel.wire.Envelope;
import io.jparallel.wire.Log;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task replies (and the requests, for {@code rc.resubmit}) kept by message id for any client
 * that asks ({@code result_request}), within a byte budget ({@code --result-limit}, 1 GiB by
 * default). Eviction takes the replies retrieved longest ago first (a reply counts as
 * retrieved when a client got it: its submitter, or one that asked), and only then those
 * no client has received yet, oldest first. Messages whose large arrays arrived in pooled
 * buffers are not kept: their receivers recycle those buffers once read. Small messages live in
 * a {@link SlabLog} (a reply retrieved again moves to its newest slab, so slabs empty in
 * eviction order), larger ones each in a buffer of their own ({@link OffHeapMessage}), both
 * outside the Java heap ({@link DirectMemory}); the budget counts the
 * messages' sizes, as {@link Envelope#size()}. Loop thread only.
 */
final class ResultStore {
  private final long limitBytes;
  /** Never delivered (the submitting client was gone), in arrival order: evicted last. */
  private final LinkedHashMap<String, Entry> unread = new LinkedHashMap<>();
  /** Delivered at least once, least recently retrieved first (a retrieval moves its entry to the end). */
  private final LinkedHashMap<String, Entry> read = new LinkedHashMap<>(1024);
  private static final Log LOG = Log.of("controller");
  private final SlabLog log = new SlabLog();
  private long bytes;
  private boolean warnedDirect;

  /**
   * A kept reply and, when it could be kept, its request: small ones as bytes in the log
   * ({@code ref}), large ones each in a buffer of their own off the heap ({@code large}), and
   * their size.
   */
  private record Entry(SlabLog.Ref ref, OffHeapMessage large, long size) {
    static Entry of(SlabLog log, Envelope reply, Envelope request, long size) {
      return size <= SMALL_BYTES ? new Entry(log.append(reply, request), null, size)
          : new Entry(null, OffHeapMessage.of(reply, request), size);
    }

    Envelope reply(SlabLog log) {
      return ref == null ? large.reply() : log.reply(ref);
    }

    Envelope request(SlabLog log) {
      return ref == null ? large.request() : log.request(ref);
    }

    Entry renewed(SlabLog log) {
      return ref == null ? this : new Entry(log.renew(ref), null, size);
    }

    void release(SlabLog log) {
      if (ref != null) {
        log.release(ref);
      } else {
        large.free();
      }
    }
  }

  /** Messages (reply and request) up to this size go into the slab log. */
  static final int SMALL_BYTES = 64 << 10;

  ResultStore(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  long limit() {
    return limitBytes;
  }

  /** Whether requests are worth keeping with their replies (a budget to keep them in). */
  boolean keepsRequests() {
    return limitBytes > 0;
  }

  /**
   * Keeps a task's reply, and its request when given (null if not kept).
   *
   * @param delivered whether the reply reached a client already
   */
  void put(String msgId, Envelope reply, Envelope request, boolean delivered) {
    if (reply.hasPooledFrames()) {
      return; // pooled frames go back to the pool once the client read them: not kept
    }
    if (request != null && request.hasPooledFrames()) {
      request = null;
    }
    long size = reply.size() + (request == null ? 0 : request.size());
    if (size > limitBytes && request != null) {
      request = null;
      size = reply.size();
    }
    if (size > limitBytes) {
      return;
    }
    remove(msgId);
    Entry entry;
    try {
      entry = Entry.of(log, reply, request, size);
    } catch (OutOfMemoryError e) { // direct memory (-XX:MaxDirectMemorySize) ran out before the budget did
      if (!warnedDirect) {
        warnedDirect = true;
        LOG.warn("a result could not be kept: the JVM's direct memory is full (" + e.getMessage()
            + "); lower --result-limit or raise -XX:MaxDirectMemorySize");
      }
      return;
    }
    (delivered ? read : unread).put(msgId, entry);
    bytes += size;
    evict(read);
    evict(unread);
  }

  private void evict(LinkedHashMap<String, Entry> from) {
    Iterator<Map.Entry<String, Entry>> it = from.entrySet().iterator();
    while (bytes > limitBytes && it.hasNext()) {
      Entry e = it.next().getValue();
      bytes -= e.size();
      e.release(log);
      it.remove();
    }
  }

  /** The reply, now counted as retrieved (it goes to a client), or null when not kept. */
  Envelope retrieve(String msgId) {
    Entry e = read.remove(msgId);
    if (e == null) {
      e = unread.remove(msgId);
    }
    if (e == null) {
      return null;
    }
    e = e.renewed(log); // now the most recently retrieved, in the newest slab
    read.put(msgId, e);
    return e.reply(log);
  }

  boolean contains(String msgId) {
    return read.containsKey(msgId) || unread.containsKey(msgId);
  }

  /** The kept request of a finished task, or null (not kept, evicted, purged). */
  Envelope request(String msgId) {
    Entry e = unread.get(msgId);
    if (e == null) {
      e = read.get(msgId);
    }
    return e == null ? null : e.request(log);
  }

  boolean remove(String msgId) {
    Entry old = read.remove(msgId);
    if (old == null) {
      old = unread.remove(msgId);
    }
    if (old != null) {
      bytes -= old.size();
      old.release(log);
      return true;
    }
    return false;
  }

  void clear() {
    read.values().forEach(e -> e.release(log));
    unread.values().forEach(e -> e.release(log));
    read.clear();
    unread.clear();
    log.clear();
    bytes = 0;
  }

  int count() {
    return read.size() + unread.size();
  }

  long bytes() {
    return bytes;
  }

  /** Bytes of the slabs holding them (kept messages, the holes between them, spare slabs). */
  long allocatedBytes() {
    return log.allocatedBytes();
  }
}
