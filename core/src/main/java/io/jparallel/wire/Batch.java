package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several small signed messages to one peer as one ZeroMQ message, on jparallel's own sockets:
 * {@code ids..., "<IDS|BAT>", signature, batch}. Every message costs ZeroMQ's I/O threads a
 * wake-up on each side and the receiving loop a turn; a batch costs one. {@code batch} is one
 * frame in {@link PackedFrames}' layout whose first part is the shape (a big-endian int per
 * message: how many frames it has) and whose other parts are the messages' frames, each from
 * its own delimiter on (no routing ids: the batch's apply to all of them).
 *
 * <p>Each message keeps its own signature and is verified, and checked against replays, on its
 * own ({@link WireCodec#verify}). The batch's signature covers the shape and every message's
 * signature, so the split is checked before anything in the messages is read, and a batch
 * cannot be reassembled from parts of others; a batch inside a batch is refused.
 *
 * <p>Only small heap messages are batched ({@link #batchable}): large or pooled frames travel as
 * they are, without a copy, and break a run of batched ones so that order is kept.
 */
final class Batch {
  static final byte[] DELIMITER = "<IDS|BAT>".getBytes(StandardCharsets.US_ASCII);
  /** Most messages in one batch. */
  static final int MAX_MESSAGES = 256;
  /** A message is batched while it is at most this big; a batch is closed once it reaches {@link #MAX_BYTES}. */
  static final int MAX_MESSAGE_BYTES = 16 << 10;
  static final int MAX_BYTES = 256 << 10;
  /** The fewest frames a message has after its routing ids (delimiter, signature, packed parts). */
  private static final int MIN_FRAMES = 3;

  private Batch() {}

  /** Whether a message's frames (no routing ids) may travel in a batch: small, all on the heap. */
  static boolean batchable(List<ByteBuffer> frames) {
    int size = 0;
    for (ByteBuffer f : frames) {
      if (f.isDirect()) {
        return false;
      }
      size += f.remaining();
      if (size > MAX_MESSAGE_BYTES) {
        return false;
      }
    }
    return frames.size() >= MIN_FRAMES;
  }

  static int size(List<ByteBuffer> frames) {
    int size = 0;
    for (ByteBuffer f : frames) {
      size += f.remaining();
    }
    return size;
  }

  /** The frames of a batch of {@code messages} (each without routing ids, at least two) behind {@code ids}. */
  static List<ByteBuffer> frames(List<byte[]> ids, List<List<ByteBuffer>> messages, Signer signer) {
    ByteBuffer shape = ByteBuffer.allocate(4 * messages.size());
    List<ByteBuffer> parts = new ArrayList<>(1 + 4 * messages.size());
    parts.add(shape);
    List<byte[]> signed = new ArrayList<>(1 + messages.size());
    for (List<ByteBuffer> m : messages) {
      shape.putInt(m.size());
      parts.addAll(m);
      signed.add(Frames.bytes(m.get(1)));
    }
    shape.flip();
    signed.add(0, shape.array());
    byte[] signature = signer.sign(signed, 0);
    ByteBuffer batch = ByteBuffer.allocate(PackedFrames.packedSize(parts));
    PackedFrames.pack(batch, parts);
    batch.flip();
    List<ByteBuffer> out = new ArrayList<>(ids.size() + 3);
    for (byte[] id : ids) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(batch);
    return out;
  }

  /**
   * The messages of a batch whose delimiter is at {@code delim}, each behind the batch's routing
   * ids, once the batch's signature checks out; or why it is refused.
   */
  static List<List<ByteBuffer>> split(List<ByteBuffer> frames, int delim, Signer signer) throws BadMessageException {
    if (frames.size() != delim + 3) {
      throw new BadMessageException("malformed batch: " + (frames.size() - delim - 1) + " frames after its delimiter");
    }
    byte[] signature = Frames.bytes(frames.get(delim + 1));
    Parts parts = PackedFrames.unpack(frames.get(delim + 2));
    int n = parts.length(0) / 4;
    if (parts.length(0) % 4 != 0 || n < 1 || n > MAX_MESSAGES) {
      throw new BadMessageException("malformed batch: bad shape");
    }
    ByteBuffer shape = parts.buffer(0);
    int[] counts = new int[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      counts[i] = shape.getInt();
      if (counts[i] < MIN_FRAMES) {
        throw new BadMessageException("malformed batch: bad shape");
      }
      total += counts[i];
    }
    if (total != parts.size() - 1) {
      throw new BadMessageException("malformed batch: its shape does not match its parts");
    }
    signer.update(parts.array(0), parts.offset(0), parts.length(0));
    for (int i = 0, at = 1; i < n; at += counts[i++]) {
      signer.update(parts.array(at + 1), parts.offset(at + 1), parts.length(at + 1));
    }
    if (!signer.matches(signature, 0)) {
      throw new BadMessageException("bad batch signature");
    }
    List<List<ByteBuffer>> out = new ArrayList<>(n);
    for (int i = 0, at = 1; i < n; at += counts[i++]) {
      List<ByteBuffer> m = new ArrayList<>(delim + counts[i]);
      for (int k = 0; k < delim; k++) {
        m.add(frames.get(k).duplicate());
      }
      for (int k = 0; k < counts[i]; k++) {
        m.add(parts.buffer(at + k)); // no copy: the batch's array is the messages'
      }
      out.add(m);
    }
    BufferPool.shared().release(frames.get(delim + 2)); // a large batch received pooled: copied to the heap above
    return out;
  }
}
