package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A decoded, verified message. {@code buffers} holds the signed buffers first and then
 * {@code rawBuffers} raw frames (copied primitive arrays) that the signature does not cover.
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
    int rawBuffers) {

  public Message {
    ids = ids == null ? List.of() : ids;
    buffers = buffers == null ? List.of() : buffers;
    if (rawBuffers < 0 || rawBuffers > buffers.size()) {
      throw new IllegalArgumentException("rawBuffers " + rawBuffers + " of " + buffers.size());
    }
  }

  public String type() {
    return header.msgType();
  }

  public String id() {
    return header.msgId();
  }

  /** Number of buffers covered by the signature. */
  public int signedBuffers() {
    return buffers.size() - rawBuffers;
  }

  /** This message without its buffers: what stays of a reply once its value has been read. */
  public Message withoutBuffers() {
    return buffers.isEmpty() ? this : new Message(ids, header, parent, metadata, content, List.of(), 0);
  }

  public Message withIds(List<byte[]> newIds) {
    return new Message(newIds, header, parent, metadata, content, buffers, rawBuffers);
  }
}
