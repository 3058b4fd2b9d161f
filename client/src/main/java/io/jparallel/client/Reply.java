package io.jparallel.client;

import io.jparallel.wire.Envelope;
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
  private final byte[] metadata;
  private final byte[] content;
  private final List<byte[]> buffers;
  private final List<ByteBuffer> raw;

  private Reply(byte[] metadata, byte[] content, List<byte[]> buffers, List<ByteBuffer> raw) {
    this.metadata = metadata;
    this.content = content;
    this.buffers = buffers;
    this.raw = raw;
  }

  static Reply of(Envelope env) {
    return new Reply(env.metadataBytes(), env.contentBytes(), env.buffers(), env.raw());
  }

  List<ByteBuffer> raw() {
    return raw;
  }

  /** The same reply without its buffers (once its value is read). */
  Reply withoutBuffers() {
    return buffers.isEmpty() && raw.isEmpty() ? this : new Reply(metadata, content, List.of(), List.of());
  }

  /** The reply parsed (header and parent are not kept). */
  Message message() {
    try {
      return new Message(List.of(), null, null, Json.objectOf(metadata), Json.objectOf(content), buffers, raw);
    } catch (IOException e) {
      throw new JParallelException("unreadable task reply: " + e.getMessage(), e);
    }
  }
}
