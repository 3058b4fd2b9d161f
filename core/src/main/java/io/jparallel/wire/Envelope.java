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
  /** The packed frame these parts arrived in (forwarded as it is), and how many signed buffers it holds; or null. */
  private final ByteBuffer packed;
  private final int packedBuffers;
  private Header parsedHeader;
  private ObjectNode parsedMetadata;

  Envelope(List<byte[]> ids, byte[] signature, byte[] header, byte[] parent, byte[] metadata,
      byte[] content, List<byte[]> buffers, List<ByteBuffer> raw) {
    this(ids, signature, header, parent, metadata, content, buffers, raw, null, 0);
  }

  Envelope(List<byte[]> ids, byte[] signature, byte[] header, byte[] parent, byte[] metadata,
      byte[] content, List<byte[]> buffers, List<ByteBuffer> raw, ByteBuffer packed, int packedBuffers) {
    this.packed = packed;
    this.packedBuffers = packedBuffers;
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
        h = Json.header(header);
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

  byte[] headerBytes() {
    return header;
  }

  byte[] parentBytes() {
    return parent;
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
    if (parent.length <= 2) {
      return null; // {}
    }
    try {
      return Json.header(parent).msgId();
    } catch (IOException | RuntimeException e) {
      throw unreadable("parent_header", e);
    }
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
    if (parent.length > 2) { // not {}
      try {
        p = Json.header(parent);
      } catch (IOException | RuntimeException e) {
        throw unreadable("parent_header", e);
      }
      if (p.msgId() == null) {
        p = null; // a parent without an id is none
      }
    } else {
      object(parent, "parent_header"); // {}, or why it is not
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

  /**
   * Every part (routing ids, signature, JSON parts, buffers, raw frames) in the packed layout,
   * for a store of this process to keep as plain bytes ({@link #stored} reads it back):
   * a few large arrays instead of a dozen small objects per message for the GC to trace and copy.
   */
  public List<ByteBuffer> storedParts() {
    List<ByteBuffer> parts = new ArrayList<>(ids.size() + buffers.size() + raw.size() + 6);
    parts.add(ByteBuffer.allocate(12).putInt(ids.size()).putInt(buffers.size()).putInt(raw.size()).flip());
    for (byte[] id : ids) {
      parts.add(ByteBuffer.wrap(id));
    }
    for (byte[] b : new byte[][] {signature, header, parent, metadata, content}) {
      parts.add(ByteBuffer.wrap(b));
    }
    for (byte[] b : buffers) {
      parts.add(ByteBuffer.wrap(b));
    }
    for (ByteBuffer r : raw) {
      parts.add(r.duplicate());
    }
    return parts;
  }

  /** The bytes {@link #store} writes. */
  public static int storedSize(List<ByteBuffer> storedParts) {
    return PackedFrames.packedSize(storedParts);
  }

  /** Writes {@link #storedParts()} at {@code dst}'s position. */
  public static void store(List<ByteBuffer> storedParts, ByteBuffer dst) {
    PackedFrames.pack(dst, storedParts);
  }

  /** The envelope whose {@link #storedParts()} {@code src} holds (its remaining bytes exactly). */
  public static Envelope stored(ByteBuffer src) throws BadMessageException {
    List<byte[]> parts = PackedFrames.unpack(src);
    ByteBuffer shape = ByteBuffer.wrap(parts.get(0));
    int nIds = shape.getInt();
    int nBuffers = shape.getInt();
    int nRaw = shape.getInt();
    if (parts.size() != 1 + nIds + 5 + nBuffers + nRaw) {
      throw new BadMessageException("malformed stored message");
    }
    int at = 1;
    List<byte[]> ids = List.copyOf(parts.subList(at, at += nIds));
    byte[] signature = parts.get(at++);
    byte[] header = parts.get(at++);
    byte[] parent = parts.get(at++);
    byte[] metadata = parts.get(at++);
    byte[] content = parts.get(at++);
    List<byte[]> buffers = List.copyOf(parts.subList(at, at += nBuffers));
    List<ByteBuffer> raw = new ArrayList<>(nRaw);
    for (byte[] r : parts.subList(at, at + nRaw)) {
      raw.add(ByteBuffer.wrap(r));
    }
    return new Envelope(ids, signature, header, parent, metadata, content, buffers, List.copyOf(raw));
  }

  /** The frames of this message behind new routing identities, signature kept; raw frames are not copied. */
  public List<ByteBuffer> frames(List<byte[]> newIds) {
    if (packed == null) {
      return PackedFrames.frames(newIds, signature, header, parent, metadata, content, buffers, raw);
    }
    List<ByteBuffer> out = new ArrayList<>(newIds.size() + 3 + buffers.size() - packedBuffers + raw.size());
    for (byte[] id : newIds) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(PackedFrames.DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(packed.duplicate());
    for (int i = packedBuffers; i < buffers.size(); i++) {
      out.add(ByteBuffer.wrap(buffers.get(i)));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
  }

  /** The same frames in Jupyter's layout, one frame per part (what older peers and tests send). */
  public List<ByteBuffer> jupyterFrames(List<byte[]> newIds) {
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
