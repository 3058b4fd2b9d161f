package io.jparallel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
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
  private final List<ByteBuffer> raw;
  private Header parsedHeader;
  private ObjectNode parsedMetadata;

  Envelope(List<byte[]> ids, byte[] signature, byte[] header, byte[] parent, byte[] metadata,
      byte[] content, List<byte[]> buffers, List<ByteBuffer> raw) {
    this.ids = ids;
    this.signature = signature;
    this.header = header;
    this.parent = parent;
    this.metadata = metadata;
    this.content = content;
    this.buffers = buffers;
    this.raw = raw;
  }

  public List<byte[]> ids() {
    return ids;
  }

  public Header header() throws BadMessageException {
    if (parsedHeader == null) {
      Header h;
      try {
        h = Json.read(header, Header.class);
      } catch (IOException | RuntimeException e) {
        throw unreadable("header", e);
      }
      if (h == null || isEmpty(h.msgId()) || isEmpty(h.msgType())) {
        throw new BadMessageException("header without msg_id or msg_type");
      }
      parsedHeader = h;
    }
    return parsedHeader;
  }

  /** The same frames without what was parsed from them (to keep many replies small); itself if nothing was. */
  public Envelope unparsed() {
    if (parsedHeader == null && parsedMetadata == null) {
      return this;
    }
    return new Envelope(ids, signature, header, parent, metadata, content, buffers, raw);
  }

  /** The metadata frame's JSON bytes, unparsed. */
  public byte[] metadataBytes() {
    return metadata;
  }

  /** The content frame's JSON bytes, unparsed. */
  public byte[] contentBytes() {
    return content;
  }

  /** The signed buffers. */
  public List<byte[]> buffers() {
    return buffers;
  }

  /** The raw (unsigned, only copied) buffers. */
  public List<ByteBuffer> raw() {
    return raw;
  }

  /** The msg_id of the parent header, or null when there is none. */
  public String parentMsgId() throws BadMessageException {
    JsonNode id = object(parent, "parent_header").get("msg_id");
    return id == null ? null : id.asText();
  }

  public ObjectNode metadata() throws BadMessageException {
    if (parsedMetadata == null) {
      parsedMetadata = object(metadata, "metadata");
    }
    return parsedMetadata;
  }

  /**
   * The content, parsed anew on each call (nothing is cached, so any thread may call it: the
   * controller's record writer reads failures and output this way, off the loop thread).
   */
  public ObjectNode content() throws BadMessageException {
    return object(content, "content");
  }

  /** Parses every part into a {@link Message}. */
  public Message message() throws BadMessageException {
    Header h = header();
    Header p = null;
    ObjectNode pn = object(parent, "parent_header");
    if (pn.has("msg_id")) {
      try {
        p = Json.convert(pn, Header.class);
      } catch (RuntimeException e) {
        throw unreadable("parent_header", e);
      }
    }
    return new Message(ids, h, p, metadata(), object(content, "content"), buffers, raw);
  }

  public int size() {
    int n = header.length + parent.length + metadata.length + content.length;
    for (byte[] b : buffers) {
      n += b.length;
    }
    for (ByteBuffer r : raw) {
      n += r.remaining();
    }
    return n;
  }

  /** The size of the largest raw frame, 0 if none. */
  public int largestRawFrame() {
    int max = 0;
    for (ByteBuffer r : raw) {
      max = Math.max(max, r.remaining());
    }
    return max;
  }

  /** Whether a raw frame sits in a pooled (direct) buffer, which its receiver will recycle. */
  public boolean hasPooledFrames() {
    for (ByteBuffer r : raw) {
      if (r.isDirect()) {
        return true;
      }
    }
    return false;
  }

  /** The frames of this message behind new routing identities, signature kept; raw frames are not copied. */
  public List<ByteBuffer> frames(List<byte[]> newIds) {
    List<ByteBuffer> out = new ArrayList<>(newIds.size() + 6 + buffers.size() + raw.size());
    for (byte[] id : newIds) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(WireCodec.DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(ByteBuffer.wrap(header));
    out.add(ByteBuffer.wrap(parent));
    out.add(ByteBuffer.wrap(metadata));
    out.add(ByteBuffer.wrap(content));
    for (byte[] b : buffers) {
      out.add(ByteBuffer.wrap(b));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
  }

  private static ObjectNode object(byte[] json, String what) throws BadMessageException {
    try {
      return Json.objectOf(json);
    } catch (IOException | RuntimeException e) {
      throw unreadable(what, e);
    }
  }

  /** {@code header is not JSON}, {@code content is not UTF-8}, ... */
  private static BadMessageException unreadable(String what, Exception e) {
    return new BadMessageException(what + " is " + (e instanceof IOException && e.getMessage() != null
        ? e.getMessage() : "unreadable"), e);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
