package io.jparallel.client;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A task's reply as a client keeps it until its value is read: the verified metadata and
 * content as JSON bytes, and its buffers; parsed only when asked ({@link #message()}). A few
 * hundred bytes instead of the kilobytes of a parsed message, so a million results waiting
 * to be read stay small.
 */
final class Reply {
  private final String type;
  private final byte[] metadata;
  private final byte[] content;
  private final List<byte[]> buffers;
  private final List<ByteBuffer> raw;

  private Reply(String type, byte[] metadata, byte[] content, List<byte[]> buffers, List<ByteBuffer> raw) {
    this.type = type;
    this.metadata = metadata;
    this.content = content;
    this.buffers = buffers;
    this.raw = raw;
  }

  static Reply of(Envelope env) throws BadMessageException {
    return new Reply(env.header().msgType(), env.metadataBytes(), env.contentBytes(), env.buffers(), env.raw());
  }

  List<ByteBuffer> raw() {
    return raw;
  }

  /** The same reply without its buffers (once its value is read). */
  Reply withoutBuffers() {
    return buffers.isEmpty() && raw.isEmpty() ? this : new Reply(type, metadata, content, List.of(), List.of());
  }

  /** The reply parsed (of its header only the type is kept, its parent not at all). */
  Message message() {
    try {
      return new Message(List.of(), new Header(null, type, null, null, null, null), null, Json.objectOf(metadata), Json.objectOf(content), buffers, raw);
    } catch (IOException e) {
      throw new JParallelException("unreadable task reply: " + e.getMessage(), e);
    }
  }
}
