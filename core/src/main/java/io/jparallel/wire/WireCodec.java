package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jupyter wire format: {@code ids..., "<IDS|MSG>", signature, header, parent_header,
 * metadata, content, buffers...}; jparallel's own sockets send the same parts in fewer frames
 * ({@link PackedFrames}, {@code "<IDS|PKD>"}) and read both, and may carry several small
 * messages to one peer as one ({@link Batch}, {@code "<IDS|BAT>"}: {@link #batches}, {@link #messages}). On jparallel's sockets the signature covers header,
 * parent, metadata, content and every signed buffer; trailing raw buffers are announced in
 * the signature frame and their count is signed too. On a Jupyter kernel's sockets
 * ({@link #jupyter}) it covers the four JSON parts only and every buffer is raw, as the
 * Jupyter protocol has it. Nothing is parsed before the signature checks out; with a
 * {@link ReplayGuard}, a message accepted once is refused when it comes again.
 *
 * <p>Not thread-safe (it holds a {@link Signer}); one per socket-owning thread ({@link #copy()},
 * which shares the replay guard).
 */
public final class WireCodec {
  public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  /** Routing identities looked through for the delimiter; a message with more is refused. */
  static final int MAX_IDENTITIES = 16;
  private static final ByteBuffer DELIMITER_FRAME = ByteBuffer.wrap(DELIMITER).asReadOnlyBuffer();
  private static final ByteBuffer PACKED_FRAME = ByteBuffer.wrap(PackedFrames.DELIMITER).asReadOnlyBuffer();
  private static final ByteBuffer BATCH_FRAME = ByteBuffer.wrap(Batch.DELIMITER).asReadOnlyBuffer();
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

  private final Signer signer;
  private final boolean jupyter;
  private final ReplayGuard replays;

  /** jparallel's own sockets: signed with a key ({@link Signer#signs()}), no replay guard. */
  public WireCodec(Signer signer) {
    this(signer, null);
  }

  /** jparallel's own sockets, refusing replayed messages when {@code replays} is not null. */
  public WireCodec(Signer signer, ReplayGuard replays) {
    this(signer, false, replays);
    if (!signer.signs()) {
      throw new IllegalArgumentException("jparallel's sockets are always signed: an HMAC key is required");
    }
  }

  private WireCodec(Signer signer, boolean jupyter, ReplayGuard replays) {
    this.signer = signer;
    this.jupyter = jupyter;
    this.replays = replays;
  }

  /**
   * A Jupyter kernel's sockets: the signature covers the four JSON parts only (empty when the
   * connection has no key), buffers are not signed, and replays are refused when signing.
   */
  public static WireCodec jupyter(Signer signer, ReplayGuard replays) {
    return new WireCodec(signer, true, replays);
  }

  public WireCodec copy() {
    return new WireCodec(signer.copy(), jupyter, replays);
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
    if (!jupyter) {
      signed.addAll(m.buffers());
    }
    Parts parts = Parts.of(signed);
    byte[] signature = signer.sign(parts, jupyter ? 0 : m.raw().size());
    if (!jupyter) {
      return PackedFrames.frames(m.ids(), signature, parts, m.raw());
    }
    List<ByteBuffer> out = new ArrayList<>(m.ids().size() + 6 + m.buffers().size() + m.raw().size());
    for (byte[] id : m.ids()) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    for (byte[] f : signed) {
      out.add(ByteBuffer.wrap(f));
    }
    if (jupyter) {
      for (byte[] b : m.buffers()) {
        out.add(ByteBuffer.wrap(b));
      }
    }
    for (ByteBuffer r : m.raw()) {
      out.add(r.duplicate());
    }
    return out;
  }

  /**
   * A verified message with its metadata replaced and signed anew (the controller adding its
   * own timestamps to a reply it forwards): the other parts and the buffers are kept as they
   * are, raw frames are not copied. Returns the frames behind {@code ids}, and the envelope
   * they make (for keeping).
   */
  public Envelope withMetadata(Envelope env, ObjectNode metadata) {
    Parts parts = env.parts().with(Parts.METADATA, jsonOrEmpty(metadata));
    byte[] signature = signer.sign(parts, env.raw().size());
    return new Envelope(env.ids(), signature, parts, env.raw(), null, 0);
  }

  /**
   * The messages {@code frames} carry: itself, or the messages of a {@link Batch} once its
   * signature checks out (each still to be {@link #verify verified} on its own). Pooled frames
   * of a batch it refuses go back to the {@link BufferPool}.
   */
  public List<List<ByteBuffer>> messages(List<ByteBuffer> frames) throws BadMessageException {
    if (jupyter || frames == null) {
      return List.of(frames);
    }
    for (int i = 0; i < frames.size() && i <= MAX_IDENTITIES; i++) {
      ByteBuffer f = frames.get(i);
      if (f.remaining() != DELIMITER.length) {
        continue;
      }
      if (BATCH_FRAME.equals(f)) {
        try {
          return Batch.split(frames, i, signer);
        } catch (BadMessageException | RuntimeException e) {
          BufferPool.shared().releaseAll(frames);
          throw e instanceof BadMessageException b ? b : new BadMessageException("malformed batch");
        }
      }
      if (DELIMITER_FRAME.equals(f) || PACKED_FRAME.equals(f)) {
        break;
      }
    }
    return List.of(frames);
  }

  /** Frames to send, and how many of the messages given to {@link #batches} they carry (more than one: a batch). */
  public record Batched(List<ByteBuffer> frames, int messages) {}

  /**
   * Messages to one peer (each encoded, without routing ids) as the frames to send, in order:
   * runs of small ones as {@link Batch}es, any other alone, all behind {@code ids}.
   */
  public List<Batched> batches(List<byte[]> ids, List<List<ByteBuffer>> messages) {
    if (messages.size() == 1) {
      return List.of(new Batched(Frames.withIds(ids, messages.get(0)), 1)); // the common case, without lists
    }
    List<Batched> out = new ArrayList<>();
    List<List<ByteBuffer>> run = new ArrayList<>();
    int runBytes = 0;
    for (List<ByteBuffer> m : messages) {
      boolean small = !jupyter && Batch.batchable(m);
      if (!small || run.size() == Batch.MAX_MESSAGES || runBytes >= Batch.MAX_BYTES) {
        closeRun(ids, run, out);
        runBytes = 0;
      }
      if (small) {
        run.add(m);
        runBytes += Batch.size(m);
      } else {
        out.add(new Batched(Frames.withIds(ids, m), 1));
      }
    }
    closeRun(ids, run, out);
    return out;
  }

  private void closeRun(List<byte[]> ids, List<List<ByteBuffer>> run, List<Batched> out) {
    if (run.size() == 1) {
      out.add(new Batched(Frames.withIds(ids, run.get(0)), 1));
    } else if (!run.isEmpty()) {
      out.add(new Batched(Batch.frames(ids, run, signer), run.size()));
    }
    run.clear();
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
    boolean packed = false;
    for (int i = 0; i < frames.size() && i <= MAX_IDENTITIES; i++) {
      if (DELIMITER_FRAME.equals(frames.get(i))) {
        delim = i;
        break;
      }
      if (!jupyter && PACKED_FRAME.equals(frames.get(i))) {
        delim = i;
        packed = true;
        break;
      }
    }
    if (delim < 0) {
      throw new BadMessageException("no <IDS|MSG> delimiter");
    }
    if (packed) {
      return splitPacked(frames, delim);
    }
    if (frames.size() < delim + 6) {
      throw new BadMessageException("truncated message: " + (frames.size() - delim - 1) + " frames after the delimiter");
    }
    byte[] signature = Frames.bytes(frames.get(delim + 1));
    int bufferCount = frames.size() - delim - 6;
    int raw = jupyter ? bufferCount : signer.rawCount(signature);
    if (raw < 0 || raw > bufferCount) {
      throw new BadMessageException("malformed signature frame");
    }
    int rawStart = frames.size() - raw;
    List<byte[]> signed = new ArrayList<>(rawStart - delim - 2);
    for (int i = delim + 2; i < rawStart; i++) {
      signed.add(Frames.bytes(frames.get(i)));
    }
    if (!signer.verify(signature, signed, jupyter ? 0 : raw)) {
      throw new BadMessageException("bad signature");
    }
    if (replays != null && signer.signs() && !replays.firstSeen(signature)) {
      throw new BadMessageException("replayed message (its signature was seen before)");
    }
    for (int i = delim + 2; i < rawStart; i++) {
      BufferPool.shared().release(frames.get(i)); // a large signed frame received pooled: copied above
    }
    return new Envelope(ids(frames, delim), signature, Parts.of(signed), List.copyOf(frames.subList(rawStart, frames.size())),
        null, 0);
  }

  /** {@link PackedFrames}' layout: signature, packed parts, further signed frames, raw frames. */
  private Envelope splitPacked(List<ByteBuffer> frames, int delim) throws BadMessageException {
    if (frames.size() < delim + 3) {
      throw new BadMessageException("truncated message: " + (frames.size() - delim - 1) + " frames after the delimiter");
    }
    byte[] signature = Frames.bytes(frames.get(delim + 1));
    int raw = signer.rawCount(signature);
    if (raw < 0 || raw > frames.size() - delim - 3) {
      throw new BadMessageException("malformed signature frame");
    }
    int rawStart = frames.size() - raw;
    ByteBuffer packedFrame = PackedFrames.onHeap(frames.get(delim + 2));
    Parts parts = PackedFrames.unpack(packedFrame);
    int packedCount = parts.size();
    if (rawStart > delim + 3) { // signed buffers too large for the packed frame follow it
      List<byte[]> more = new ArrayList<>(rawStart - delim - 3);
      for (int i = delim + 3; i < rawStart; i++) {
        more.add(Frames.bytes(frames.get(i)));
      }
      parts = parts.plus(more);
    }
    if (!signer.verify(signature, parts, raw)) {
      throw new BadMessageException("bad signature");
    }
    if (replays != null && !replays.firstSeen(signature)) {
      throw new BadMessageException("replayed message (its signature was seen before)");
    }
    for (int i = delim + 2; i < rawStart; i++) {
      BufferPool.shared().release(frames.get(i)); // a large frame received pooled: copied above
    }
    // the packed frame is forwarded as it came (from the heap copy when it came pooled)
    return new Envelope(ids(frames, delim), signature, parts, List.copyOf(frames.subList(rawStart, frames.size())),
        packedFrame, packedCount);
  }

  private static List<byte[]> ids(List<ByteBuffer> frames, int delim) {
    if (delim == 1) {
      return List.of(Frames.bytes(frames.get(0)));
    }
    byte[][] ids = new byte[delim][];
    for (int i = 0; i < delim; i++) {
      ids[i] = Frames.bytes(frames.get(i));
    }
    return List.of(ids);
  }

  /** Verifies and parses everything. */
  public Message decode(List<ByteBuffer> frames) throws BadMessageException {
    return verify(frames).message();
  }

  private static byte[] jsonOrEmpty(ObjectNode node) {
    return node == null || node.isEmpty() ? EMPTY_OBJECT : Json.bytes(node);
  }
}
