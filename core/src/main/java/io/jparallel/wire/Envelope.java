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
  /** Header, parent, metadata, content and the signed buffers, where they arrived. */
  private final Parts parts;
  private final List<ByteBuffer> raw;
  /** The packed frame the first {@code packedCount} parts arrived in (forwarded as it is); or null. */
  private final ByteBuffer packed;
  private final int packedCount;
  private Header parsedHeader;
  private ObjectNode parsedMetadata;
  private List<byte[]> bufferCopies;

  Envelope(List<byte[]> ids, byte[] signature, Parts parts, List<ByteBuffer> raw, ByteBuffer packed, int packedCount) {
    this.ids = ids;
    this.signature = signature;
    this.parts = parts;
    this.raw = raw;
    this.packed = packed;
    this.packedCount = packedCount;
  }

  public List<byte[]> ids() {
    return ids;
  }

  public Header header() throws BadMessageException {
    if (parsedHeader == null) {
      Header h;
      try {
        h = Json.header(parts.array(Parts.HEADER), parts.offset(Parts.HEADER), parts.length(Parts.HEADER));
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
    if (parsedHeader == null && parsedMetadata == null && bufferCopies == null) {
      return this;
    }
    return new Envelope(ids, signature, parts, raw, packed, packedCount);
  }

  Parts parts() {
    return parts;
  }

  /** The metadata frame's JSON bytes, unparsed. */
  public byte[] metadataBytes() {
    return parts.bytes(Parts.METADATA);
  }

  /** The content frame's JSON bytes, unparsed. */
  public byte[] contentBytes() {
    return parts.bytes(Parts.CONTENT);
  }

  /** The signed buffers (copied out of the frame they arrived in the first time they are asked for). */
  public List<byte[]> buffers() {
    if (bufferCopies == null) {
      int n = parts.size() - Parts.BUFFERS;
      if (n == 0) {
        bufferCopies = List.of();
      } else {
        byte[][] b = new byte[n][];
        for (int i = 0; i < n; i++) {
          b[i] = parts.bytes(Parts.BUFFERS + i);
        }
        bufferCopies = List.of(b);
      }
    }
    return bufferCopies;
  }

  /** The raw (unsigned, only copied) buffers. */
  public List<ByteBuffer> raw() {
    return raw;
  }

  /** The msg_id of the parent header, or null when there is none. */
  public String parentMsgId() throws BadMessageException {
    if (parts.length(Parts.PARENT) <= 2) {
      return null; // {}
    }
    try {
      return Json.msgId(parts.array(Parts.PARENT), parts.offset(Parts.PARENT), parts.length(Parts.PARENT));
    } catch (IOException | RuntimeException e) {
      throw unreadable("parent_header", e);
    }
  }

  public ObjectNode metadata() throws BadMessageException {
    if (parsedMetadata == null) {
      parsedMetadata = object(Parts.METADATA, "metadata");
    }
    return parsedMetadata;
  }

  /**
   * The content, parsed anew on each call (nothing is cached, so any thread may call it: the
   * controller's record writer reads failures and output this way, off the loop thread).
   */
  public ObjectNode content() throws BadMessageException {
    return object(Parts.CONTENT, "content");
  }

  /** Parses every part into a {@link Message}. */
  public Message message() throws BadMessageException {
    Header h = header();
    Header p = null;
    if (parts.length(Parts.PARENT) > 2) { // not {}
      try {
        p = Json.header(parts.array(Parts.PARENT), parts.offset(Parts.PARENT), parts.length(Parts.PARENT));
      } catch (IOException | RuntimeException e) {
        throw unreadable("parent_header", e);
      }
      if (p.msgId() == null) {
        p = null; // a parent without an id is none
      }
    } else {
      object(Parts.PARENT, "parent_header"); // {}, or why it is not
    }
    return new Message(ids, h, p, metadata(), object(Parts.CONTENT, "content"), buffers(), raw);
  }

  public int size() {
    long n = parts.totalLength();
    for (ByteBuffer r : raw) {
      n += r.remaining();
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
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
    int nBuffers = parts.size() - Parts.BUFFERS;
    List<ByteBuffer> out = new ArrayList<>(ids.size() + parts.size() + raw.size() + 2);
    out.add(ByteBuffer.allocate(12).putInt(ids.size()).putInt(nBuffers).putInt(raw.size()).flip());
    for (byte[] id : ids) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(signature));
    for (int i = 0; i < parts.size(); i++) {
      out.add(parts.buffer(i));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
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
    Parts all = PackedFrames.unpack(src);
    if (all.length(0) != 12) {
      throw new BadMessageException("malformed stored message");
    }
    ByteBuffer shape = all.buffer(0);
    int nIds = shape.getInt();
    int nBuffers = shape.getInt();
    int nRaw = shape.getInt();
    if (nIds < 0 || nBuffers < 0 || nRaw < 0 || all.size() != 1 + nIds + 5 + nBuffers + nRaw) {
      throw new BadMessageException("malformed stored message");
    }
    int at = 1;
    byte[][] ids = new byte[nIds][];
    for (int i = 0; i < nIds; i++) {
      ids[i] = all.bytes(at++);
    }
    byte[] signature = all.bytes(at++);
    Parts parts = all.range(at, at + 4 + nBuffers);
    at += 4 + nBuffers;
    List<ByteBuffer> raw = new ArrayList<>(nRaw);
    for (int i = 0; i < nRaw; i++) {
      raw.add(all.buffer(at + i).slice());
    }
    return new Envelope(List.of(ids), signature, parts, List.copyOf(raw), null, 0);
  }

  /** The frames of this message behind new routing identities, signature kept; raw frames are not copied. */
  public List<ByteBuffer> frames(List<byte[]> newIds) {
    if (packed == null) {
      return PackedFrames.frames(newIds, signature, parts, raw);
    }
    List<ByteBuffer> out = new ArrayList<>(newIds.size() + 3 + parts.size() - packedCount + raw.size());
    for (byte[] id : newIds) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(PackedFrames.DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(packed.duplicate());
    for (int i = packedCount; i < parts.size(); i++) {
      out.add(parts.buffer(i));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
  }

  /** The same frames in Jupyter's layout, one frame per part (what older peers and tests send). */
  public List<ByteBuffer> jupyterFrames(List<byte[]> newIds) {
    List<ByteBuffer> out = new ArrayList<>(newIds.size() + 2 + parts.size() + raw.size());
    for (byte[] id : newIds) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(WireCodec.DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    for (int i = 0; i < parts.size(); i++) {
      out.add(parts.buffer(i));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
  }

  private ObjectNode object(int part, String what) throws BadMessageException {
    try {
      return Json.objectOf(parts.array(part), parts.offset(part), parts.length(part));
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
