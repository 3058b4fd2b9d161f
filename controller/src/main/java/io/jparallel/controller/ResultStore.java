package io.jparallel.controller;

import io.jparallel.wire.Envelope;
import io.jparallel.wire.Log;
import java.nio.charset.StandardCharsets;

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
 * messages' sizes, as {@link Envelope#size()}. What finds them is no object per message either
 * ({@link KeptIndex}): a kept small message's key lies in the log with it. Loop thread only.
 */
final class ResultStore {
  /** Messages (reply and request) up to this size go into the slab log. */
  static final int SMALL_BYTES = 64 << 10;
  private static final Log LOG = Log.of("controller");

  private final long limitBytes;
  /**
   * Slots in two orders: {@link KeptIndex#UNREAD}, never delivered (the submitting client was
   * gone), in arrival order, evicted last; {@link KeptIndex#READ}, delivered at least once, least
   * recently retrieved first (a retrieval moves its slot to the end).
   */
  private final KeptIndex index = new KeptIndex();
  private final SlabLog log = new SlabLog();
  private long bytes;
  private boolean warnedDirect;

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
    byte[] key = msgId.getBytes(StandardCharsets.UTF_8);
    long h = KeptIndex.hash(msgId);
    int old = find(msgId, key, h);
    if (old != KeptIndex.NONE) {
      drop(old);
    }
    int order = delivered ? KeptIndex.READ : KeptIndex.UNREAD;
    try {
      if (size <= SMALL_BYTES && SlabLog.fits(key.length, size)) {
        SlabLog.Placed p = log.append(key, reply, request);
        int s = index.add(h, order);
        index.position[s] = p.position();
        index.replyLength[s] = p.replyLength();
        index.requestLength[s] = p.requestLength();
        index.size[s] = size;
      } else {
        OffHeapMessage m = OffHeapMessage.of(reply, request);
        int s = index.add(h, order);
        index.large[s] = m;
        index.largeKey[s] = msgId;
        index.size[s] = size;
      }
    } catch (OutOfMemoryError e) { // direct memory (-XX:MaxDirectMemorySize) ran out before the budget did
      if (!warnedDirect) {
        warnedDirect = true;
        LOG.warn("a result could not be kept: the JVM's direct memory is full (" + e.getMessage()
            + "); lower --result-limit or raise -XX:MaxDirectMemorySize");
      }
      return;
    }
    bytes += size;
    evict(KeptIndex.READ);
    evict(KeptIndex.UNREAD);
  }

  private void evict(int order) {
    while (bytes > limitBytes) {
      int s = index.first(order);
      if (s == KeptIndex.NONE) {
        return;
      }
      drop(s);
    }
  }

  /** The reply, now counted as retrieved (it goes to a client), or null when not kept. */
  Envelope retrieve(String msgId) {
    int s = find(msgId);
    if (s == KeptIndex.NONE) {
      return null;
    }
    index.moveToEnd(s, KeptIndex.READ); // now the most recently retrieved
    if (index.large[s] != null) {
      return ((OffHeapMessage) index.large[s]).reply();
    }
    index.position[s] = log.renew(index.position[s], index.replyLength[s], index.requestLength[s]); // in the newest slab
    return log.reply(index.position[s], index.replyLength[s]);
  }

  boolean contains(String msgId) {
    return find(msgId) != KeptIndex.NONE;
  }

  /** The kept request of a finished task, or null (not kept, evicted, purged). */
  Envelope request(String msgId) {
    int s = find(msgId);
    if (s == KeptIndex.NONE) {
      return null;
    }
    if (index.large[s] != null) {
      return ((OffHeapMessage) index.large[s]).request();
    }
    return log.request(index.position[s], index.replyLength[s], index.requestLength[s]);
  }

  boolean remove(String msgId) {
    int s = find(msgId);
    if (s == KeptIndex.NONE) {
      return false;
    }
    drop(s);
    return true;
  }

  void clear() {
    for (int order = 0; order < 2; order++) {
      for (int s = index.first(order); s != KeptIndex.NONE; s = index.after(s)) {
        if (index.large[s] != null) {
          ((OffHeapMessage) index.large[s]).free();
        }
      }
    }
    index.clear();
    log.clear();
    bytes = 0;
  }

  int count() {
    return index.count();
  }

  long bytes() {
    return bytes;
  }

  /** Bytes of the slabs holding them (kept messages, the holes between them, spare slabs). */
  long allocatedBytes() {
    return log.allocatedBytes();
  }

  private int find(String msgId) {
    return find(msgId, msgId.getBytes(StandardCharsets.UTF_8), KeptIndex.hash(msgId));
  }

  /** The slot of {@code msgId}: a hash match confirmed by the key kept with the message. */
  private int find(String msgId, byte[] key, long h) {
    return index.find(h, s -> index.large[s] != null ? msgId.equals(index.largeKey[s]) : log.hasKey(index.position[s], key));
  }

  /** Lets go of a slot's message and the slot. */
  private void drop(int s) {
    bytes -= index.size[s];
    if (index.large[s] != null) {
      ((OffHeapMessage) index.large[s]).free();
    } else {
      log.release(index.position[s]);
    }
    index.remove(s);
  }
}
