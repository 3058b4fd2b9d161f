package io.jparallel.engine;

import io.jparallel.wire.BufferPool;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Pooled frames of task replies this engine has sent, kept until the controller says it has
 * them: a socket writes a frame after {@code send} returns, and only the controller's
 * {@code reply_ack} (the count of task replies it received from this engine, in order over
 * one TCP connection) tells when the buffer is free again. Confined to the I/O thread.
 */
final class SentReplies {
  private record Sent(long seq, List<ByteBuffer> frames) {}

  private final ArrayDeque<Sent> unacknowledged = new ArrayDeque<>();
  private long count;

  /** After sending a task reply: counts it, and keeps its pooled frames (or frees them if it was not sent). */
  void sent(boolean sent, List<ByteBuffer> raw) {
    if (!sent) {
      BufferPool.shared().releaseAll(raw);
      return;
    }
    count++;
    for (ByteBuffer b : raw) {
      if (b.isDirect()) {
        unacknowledged.addLast(new Sent(count, raw));
        return;
      }
    }
  }

  /** The controller has received {@code received} task replies: their frames are free. */
  void acknowledged(long received) {
    while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().seq() <= received) {
      BufferPool.shared().releaseAll(unacknowledged.pollFirst().frames());
    }
  }

  int waiting() {
    return unacknowledged.size();
  }
}
