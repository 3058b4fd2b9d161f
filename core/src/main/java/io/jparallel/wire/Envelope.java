package io.jparallel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message whose signature has been verified but whose JSON parts are parsed only on
 * demand. Schedulers route on {@link #header()} and {@link #metadata()} and forward the
 * frames untouched with {@link #frames(List)}.
 */
public final class Envelope {
  private final List<byte[]> ids;
  private final byte[] signature;
  private final byte[] header;
  private final byte[] parent;
  private final byte[] metadata;
  private final byte[] content;
  private final List<byte[]> buffers;
  private final int rawCount;
  private Header parsedHeader;
  private ObjectNode parsedMetadata;

  Envelope(List<byte[]> ids, byte[] signature, byte[] header, byte[] parent, byte[] metadata,
      byte[] content, List<byte[]> buffers, int rawCount) {
    this.ids = ids;
    this.signature = signature;
    this.header = header;
    this.parent = parent;
    this.metadata = metadata;
    this.content = content;
    this.buffers = buffers;
    this.rawCount = rawCount;
  }

  public List<byte[]> ids() {
    return ids;
  }

  public Header header() throws BadMessageException {
    if (parsedHeader == null) {
      try {
        parsedHeader = Json.MAPPER.readValue(header, Header.class);
      } catch (IOException | RuntimeException e) {
        throw new BadMessageException("unreadable header", e);
      }
      if (parsedHeader.msgId() == null || parsedHeader.msgType() == null) {
        throw new BadMessageException("header without msg_id or msg_type");
      }
    }
    return parsedHeader;
  }

  /** The msg_id of the parent header, or null when there is none. */
  public String parentMsgId() throws BadMessageException {
    try {
      JsonNode pn = Json.tree(parent);
      JsonNode id = pn == null ? null : pn.get("msg_id");
      return id == null ? null : id.asText();
    } catch (IOException | RuntimeException e) {
      throw new BadMessageException("unreadable parent header", e);
    }
  }

  public ObjectNode metadata() throws BadMessageException {
    if (parsedMetadata == null) {
      parsedMetadata = object(metadata, "metadata");
    }
    return parsedMetadata;
  }

  /** Parses every part into a {@link Message}. */
  public Message message() throws BadMessageException {
    Header h = header();
    Header p = null;
    try {
      JsonNode pn = Json.tree(parent);
      if (pn != null && pn.has("msg_id")) {
        p = Json.MAPPER.treeToValue(pn, Header.class);
      }
    } catch (IOException | RuntimeException e) {
      throw new BadMessageException("unreadable parent header", e);
    }
    return new Message(ids, h, p, metadata(), object(content, "content"), buffers, rawCount);
  }

  public int size() {
    int n = header.length + parent.length + metadata.length + content.length;
    for (byte[] b : buffers) {
      n += b.length;
    }
    return n;
  }

  /** The frames of this message behind new routing identities, signature kept. */
  public List<byte[]> frames(List<byte[]> newIds) {
    List<byte[]> out = new ArrayList<>(newIds.size() + 6 + buffers.size());
    out.addAll(newIds);
    out.add(WireCodec.DELIMITER);
    out.add(signature);
    out.add(header);
    out.add(parent);
    out.add(metadata);
    out.add(content);
    out.addAll(buffers);
    return out;
  }

  private static ObjectNode object(byte[] json, String what) throws BadMessageException {
    try {
      return Json.objectOf(json);
    } catch (IOException | RuntimeException e) {
      throw new BadMessageException("unreadable " + what, e);
    }
  }
}
