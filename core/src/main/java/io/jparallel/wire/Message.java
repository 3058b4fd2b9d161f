package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A decoded, verified message: signed {@code buffers} (serialized values, lambdas, class
 * files: covered by the signature, interpreted by the receiver) and {@code raw} frames
 * (primitive arrays and bytes, only ever copied, outside the signature but counted by it).
 *
 * @param ids routing identities (ROUTER envelopes), outermost first
 * @param parent the header of the request this answers, or null
 */
public record Message(
    List<byte[]> ids,
    Header header,
    Header parent,
    ObjectNode metadata,
    ObjectNode content,
    List<byte[]> buffers,
    List<ByteBuffer> raw) {

  public Message {
    ids = ids == null ? List.of() : ids;
    buffers = buffers == null ? List.of() : buffers;
    raw = raw == null ? List.of() : raw;
  }

  public String type() {
    return header.msgType();
  }

  public String id() {
    return header.msgId();
  }

  /** Number of buffers covered by the signature. */
  public int signedBuffers() {
    return buffers.size();
  }

  /** Number of raw frames. */
  public int rawBuffers() {
    return raw.size();
  }

  /** This message without its buffers: what stays of a reply once its value has been read. */
  public Message withoutBuffers() {
    return buffers.isEmpty() && raw.isEmpty() ? this : new Message(ids, header, parent, metadata, content, List.of(), List.of());
  }

  public Message withIds(List<byte[]> newIds) {
    return new Message(newIds, header, parent, metadata, content, buffers, raw);
  }
}
