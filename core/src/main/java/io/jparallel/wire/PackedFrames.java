package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame layout of jparallel's own sockets: {@code ids..., "<IDS|PKD>", signature, packed,
 * signed buffers..., raw buffers...}, where {@code packed} is one frame holding header, parent,
 * metadata, content and the leading signed buffers while they stay small ({@link #PACK_LIMIT}),
 * each with its length. The signature is the one of Jupyter's layout (the same parts in the same
 * order, then the raw count), only the framing differs: a task crosses each socket as 3 or 4
 * frames instead of 7 or more, and every frame costs ZeroMQ's I/O threads and our receive loops
 * alike. Receivers accept both layouts; the Jupyter kernel's sockets keep Jupyter's.
 *
 * <p>{@code packed} is a big-endian int count {@code n}, then {@code n} int lengths, then the
 * parts one after another. It is split (bounds checked, nothing interpreted) before the
 * signature is checked, as ZeroMQ splits frames.
 */
final class PackedFrames {
  static final byte[] DELIMITER = "<IDS|PKD>".getBytes(StandardCharsets.US_ASCII);
  /** Signed buffers go into the packed frame while the whole stays within this; larger ones travel as frames of their own. */
  static final int PACK_LIMIT = 64 << 10;
  /** Most parts a packed frame may declare (a declared count beyond it is refused before any allocation). */
  private static final int MAX_PARTS = 1 << 16;

  private PackedFrames() {}

  /** The frames of a signed message in this layout; raw frames are not copied. */
  static List<ByteBuffer> frames(List<byte[]> ids, byte[] signature, Parts parts, List<ByteBuffer> raw) {
    int size = 4 * 5;
    for (int i = 0; i < Parts.BUFFERS; i++) {
      size += parts.length(i);
    }
    int end = Parts.BUFFERS; // parts before it go into the packed frame
    while (end < parts.size() && size + 4 + parts.length(end) <= PACK_LIMIT) {
      size += 4 + parts.length(end);
      end++;
    }
    ByteBuffer packed = ByteBuffer.allocate(size);
    packed.putInt(end);
    for (int i = 0; i < end; i++) {
      packed.putInt(parts.length(i));
    }
    for (int i = 0; i < end; i++) {
      packed.put(parts.array(i), parts.offset(i), parts.length(i));
    }
    packed.flip();
    List<ByteBuffer> out = new ArrayList<>(ids.size() + 3 + parts.size() - end + raw.size());
    for (byte[] id : ids) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(packed);
    for (int i = end; i < parts.size(); i++) {
      out.add(parts.buffer(i));
    }
    for (ByteBuffer r : raw) {
      out.add(r.duplicate());
    }
    return out;
  }

  /** The bytes {@link #pack} writes for these parts. */
  static int packedSize(List<ByteBuffer> parts) {
    long size = 4 + 4L * parts.size();
    for (ByteBuffer p : parts) {
      size += p.remaining();
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parts of " + size + " bytes cannot be packed");
    }
    return (int) size;
  }

  /** Writes the parts in the packed layout ({@link #unpack} reads them back) at {@code dst}'s position. */
  static void pack(ByteBuffer dst, List<ByteBuffer> parts) {
    dst.putInt(parts.size());
    for (ByteBuffer p : parts) {
      dst.putInt(p.remaining());
    }
    for (ByteBuffer p : parts) {
      dst.put(p.duplicate());
    }
  }

  /**
   * The parts of a packed frame (at least four: a message's JSON parts, or a batch's shape and a message), where they lie in its array, or
   * why it is malformed. A frame outside the heap (a pooled one, which its receiver recycles)
   * is copied to the heap first, once.
   */
  static Parts unpack(ByteBuffer frame) throws BadMessageException {
    ByteBuffer b = onHeap(frame);
    byte[] array = b.array();
    int at = b.arrayOffset() + b.position();
    int remaining = b.remaining();
    if (remaining < 4) {
      throw new BadMessageException("malformed packed frame");
    }
    int n = b.getInt(b.position());
    if (n < 4 || n > MAX_PARTS || (long) n * 4 > remaining - 4) {
      throw new BadMessageException("malformed packed frame");
    }
    int[] offsets = new int[n];
    int[] lengths = new int[n];
    long total = 0;
    int data = at + 4 + 4 * n;
    for (int i = 0; i < n; i++) {
      int len = b.getInt(b.position() + 4 + 4 * i);
      if (len < 0) {
        throw new BadMessageException("malformed packed frame");
      }
      offsets[i] = (int) (data + total);
      lengths[i] = len;
      total += len;
    }
    if (total != remaining - 4 - 4L * n) {
      throw new BadMessageException("malformed packed frame");
    }
    return Parts.in(array, offsets, lengths);
  }

  /** {@code frame} itself when it is on the heap, else a heap copy of its remaining bytes. */
  static ByteBuffer onHeap(ByteBuffer frame) {
    if (frame.hasArray() && !frame.isReadOnly()) {
      return frame;
    }
    ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
    copy.put(frame.duplicate()).flip();
    return copy;
  }
}
