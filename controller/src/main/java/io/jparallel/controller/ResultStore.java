package io.jparallel.controller;

import io.jparallel.wire.Envelope;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task replies kept by message id for clients that ask again ({@code result_request}),
 * bounded in bytes: the oldest are evicted first, so a long session's memory stays flat.
 * Replies whose large arrays arrived in pooled buffers are not kept (their buffers are
 * recycled once the client has read them).
 */
final class ResultStore {
  private final long limitBytes;
  private final LinkedHashMap<String, Envelope> replies = new LinkedHashMap<>();
  private long bytes;

  ResultStore(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  void put(String msgId, Envelope reply) {
    int size = reply.size();
    if (size > limitBytes || reply.hasPooledFrames()) {
      return; // pooled frames go back to the pool once the client read them: not kept
    }
    Envelope old = replies.put(msgId, reply.unparsed());
    if (old != null) {
      bytes -= old.size();
    }
    bytes += size;
    Iterator<Map.Entry<String, Envelope>> it = replies.entrySet().iterator();
    while (bytes > limitBytes && it.hasNext()) {
      bytes -= it.next().getValue().size();
      it.remove();
    }
  }

  Envelope get(String msgId) {
    return replies.get(msgId);
  }

  void remove(String msgId) {
    Envelope old = replies.remove(msgId);
    if (old != null) {
      bytes -= old.size();
    }
  }

  void clear() {
    replies.clear();
    bytes = 0;
  }

  int count() {
    return replies.size();
  }

  long bytes() {
    return bytes;
  }
}
