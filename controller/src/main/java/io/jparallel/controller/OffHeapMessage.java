package io.jparallel.controller;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A large kept reply and its request (null if none), copied into one direct buffer outside the
 * Java heap, in {@link Envelope#storedParts()}'s layout. Kept on the heap, a few hundred MiB of
 * mid-sized arrays (between {@link ResultStore#SMALL_BYTES} and the pooled sizes) sat in the
 * old generation, and every full collection of the serial GC moved them all: 100-150 ms a
 * pause, several a second while arrays stream through. Off the heap they are one small object
 * each. The memory is given back at once when the message is dropped ({@link #free}); reads
 * copy the parts out ({@link Envelope#stored}), so nothing refers to freed memory. Loop thread only.
 */
final class OffHeapMessage {
  private ByteBuffer bytes;
  private final int replyLength;
  private final int requestLength;

  private OffHeapMessage(ByteBuffer bytes, int replyLength, int requestLength) {
    this.bytes = bytes;
    this.replyLength = replyLength;
    this.requestLength = requestLength;
  }

  /** The reply and its request (null if none) copied off the heap. */
  static OffHeapMessage of(Envelope reply, Envelope request) {
    List<ByteBuffer> replyParts = reply.storedParts();
    List<ByteBuffer> requestParts = request == null ? null : request.storedParts();
    int replyLength = Envelope.storedSize(replyParts);
    int requestLength = requestParts == null ? 0 : Envelope.storedSize(requestParts);
    ByteBuffer b = DirectMemory.allocate(replyLength + requestLength);
    Envelope.store(replyParts, b);
    if (requestParts != null) {
      Envelope.store(requestParts, b);
    }
    return new OffHeapMessage(b, replyLength, requestLength);
  }

  Envelope reply() {
    return read(0, replyLength);
  }

  /** The request kept with the reply, or null. */
  Envelope request() {
    return requestLength == 0 ? null : read(replyLength, requestLength);
  }

  /** Gives the memory back; the message may not be read afterwards. */
  void free() {
    ByteBuffer b = bytes;
    bytes = null;
    DirectMemory.free(b);
  }

  private Envelope read(int offset, int length) {
    if (bytes == null) {
      throw new IllegalStateException("a kept message was read after it was dropped");
    }
    try {
      return Envelope.stored(bytes.duplicate().position(offset).limit(offset + length).slice());
    } catch (BadMessageException e) {
      throw new IllegalStateException("a kept message is corrupt: " + e.getMessage(), e);
    }
  }
}
