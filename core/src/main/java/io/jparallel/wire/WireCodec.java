package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

  private final Signer signer;

  public WireCodec(Signer signer) {
    this.signer = signer;
  }

  public WireCodec copy() {
    return new WireCodec(signer.copy());
  }

  /** Encodes and signs a message. */
  public List<byte[]> encode(Message m) {
    byte[] header = Json.bytes(m.header());
    byte[] parent = m.parent() == null ? EMPTY_OBJECT : Json.bytes(m.parent());
    byte[] metadata = jsonOrEmpty(m.metadata());
    byte[] content = jsonOrEmpty(m.content());
    int signedBuffers = m.signedBuffers();
    List<byte[]> signed = new ArrayList<>(4 + signedBuffers);
    signed.add(header);
    signed.add(parent);
    signed.add(metadata);
    signed.add(content);
    for (int i = 0; i < signedBuffers; i++) {
      signed.add(m.buffers().get(i));
    }
    byte[] signature = signer.sign(signed, m.rawBuffers());
    List<byte[]> out = new ArrayList<>(m.ids().size() + 6 + m.buffers().size());
    out.addAll(m.ids());
    out.add(DELIMITER);
    out.add(signature);
    out.addAll(signed);
    for (int i = signedBuffers; i < m.buffers().size(); i++) {
      out.add(m.buffers().get(i));
    }
    return out;
  }

  /** Splits and verifies frames; throws if the message is malformed or its signature is wrong. */
  public Envelope verify(List<byte[]> frames) throws BadMessageException {
    if (frames == null) {
      throw new BadMessageException("no frames");
    }
    int delim = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(frames.get(i), DELIMITER)) {
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
    byte[] signature = frames.get(delim + 1);
    int raw = Signer.rawCount(signature);
    int bufferCount = frames.size() - delim - 6;
    if (raw < 0 || raw > bufferCount) {
      throw new BadMessageException("malformed signature frame");
    }
    List<byte[]> signed = frames.subList(delim + 2, frames.size() - raw);
    if (!signer.verify(signature, signed, raw)) {
      throw new BadMessageException("bad signature");
    }
    List<byte[]> ids = List.copyOf(frames.subList(0, delim));
    List<byte[]> buffers = List.copyOf(frames.subList(delim + 6, frames.size()));
    return new Envelope(ids, signature, frames.get(delim + 2), frames.get(delim + 3),
        frames.get(delim + 4), frames.get(delim + 5), buffers, raw);
  }

  /** Verifies and parses everything. */
  public Message decode(List<byte[]> frames) throws BadMessageException {
    return verify(frames).message();
  }

  private static byte[] jsonOrEmpty(ObjectNode node) {
    return node == null || node.isEmpty() ? EMPTY_OBJECT : Json.bytes(node);
  }
}
