package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jupyter wire format: {@code ids..., "<IDS|MSG>", signature, header, parent_header,
 * metadata, content, buffers...}. The signature covers header, parent, metadata, content
 * and every signed buffer; trailing raw buffers are announced in the signature frame and
 * their count is signed too. Nothing is parsed before the signature checks out.
 *
 * <p>Not thread-safe (it holds a {@link Signer}); one per socket-owning thread.
 */
public final class WireCodec {
  public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuffer DELIMITER_FRAME = ByteBuffer.wrap(DELIMITER).asReadOnlyBuffer();
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

  private final Signer signer;

  public WireCodec(Signer signer) {
    this.signer = signer;
  }

  public WireCodec copy() {
    return new WireCodec(signer.copy());
  }

  /** Encodes and signs a message. */
  public List<ByteBuffer> encode(Message m) {
    byte[] header = Json.bytes(m.header());
    byte[] parent = m.parent() == null ? EMPTY_OBJECT : Json.bytes(m.parent());
    byte[] metadata = jsonOrEmpty(m.metadata());
    byte[] content = jsonOrEmpty(m.content());
    List<byte[]> signed = new ArrayList<>(4 + m.buffers().size());
    signed.add(header);
    signed.add(parent);
    signed.add(metadata);
    signed.add(content);
    signed.addAll(m.buffers());
    byte[] signature = signer.sign(signed, m.raw().size());
    List<ByteBuffer> out = new ArrayList<>(m.ids().size() + 2 + signed.size() + m.raw().size());
    for (byte[] id : m.ids()) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    for (byte[] f : signed) {
      out.add(ByteBuffer.wrap(f));
    }
    for (ByteBuffer r : m.raw()) {
      out.add(r.duplicate());
    }
    return out;
  }

  /**
   * Splits and verifies frames; throws if the message is malformed or its signature is wrong.
   * Pooled frames of a message it refuses go back to the {@link BufferPool}.
   */
  public Envelope verify(List<ByteBuffer> frames) throws BadMessageException {
    try {
      return split(frames);
    } catch (BadMessageException e) {
      if (frames != null) {
        BufferPool.shared().releaseAll(frames);
      }
      throw e;
    }
  }

  private Envelope split(List<ByteBuffer> frames) throws BadMessageException {
    if (frames == null) {
      throw new BadMessageException("no frames");
    }
    int delim = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (DELIMITER_FRAME.equals(frames.get(i))) {
        delim = i;
        break;
      }
    }
    if (delim < 0) {
      throw new BadMessageException("no <IDS|MSG> delimiter");
    }
    if (frames.size() < delim + 6) {
      throw new BadMessageException("truncated message: " + (frames.size() - delim - 1) + " frames after the delimiter");
    }
    byte[] signature = Frames.bytes(frames.get(delim + 1));
    int raw = Signer.rawCount(signature);
    int bufferCount = frames.size() - delim - 6;
    if (raw < 0 || raw > bufferCount) {
      throw new BadMessageException("malformed signature frame");
    }
    int rawStart = frames.size() - raw;
    List<byte[]> signed = new ArrayList<>(rawStart - delim - 2);
    for (int i = delim + 2; i < rawStart; i++) {
      signed.add(Frames.bytes(frames.get(i)));
    }
    if (!signer.verify(signature, signed, raw)) {
      throw new BadMessageException("bad signature");
    }
    for (int i = delim + 2; i < rawStart; i++) {
      BufferPool.shared().release(frames.get(i)); // a large signed frame received pooled: copied above
    }
    List<byte[]> ids = new ArrayList<>(delim);
    for (int i = 0; i < delim; i++) {
      ids.add(Frames.bytes(frames.get(i)));
    }
    List<ByteBuffer> rawFrames = List.copyOf(frames.subList(rawStart, frames.size()));
    return new Envelope(List.copyOf(ids), signature, signed.get(0), signed.get(1), signed.get(2), signed.get(3),
        List.copyOf(signed.subList(4, signed.size())), rawFrames);
  }

  /** Verifies and parses everything. */
  public Message decode(List<ByteBuffer> frames) throws BadMessageException {
    return verify(frames).message();
  }

  private static byte[] jsonOrEmpty(ObjectNode node) {
    return node == null || node.isEmpty() ? EMPTY_OBJECT : Json.bytes(node);
  }
}
