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
  static List<ByteBuffer> frames(List<byte[]> ids, byte[] signature, byte[] header, byte[] parent, byte[] metadata,
      byte[] content, List<byte[]> buffers, List<ByteBuffer> raw) {
    int size = 4 * 5 + header.length + parent.length + metadata.length + content.length;
    int packedBuffers = 0;
    while (packedBuffers < buffers.size() && size + 4 + buffers.get(packedBuffers).length <= PACK_LIMIT) {
      size += 4 + buffers.get(packedBuffers).length;
      packedBuffers++;
    }
    ByteBuffer packed = ByteBuffer.allocate(size);
    packed.putInt(4 + packedBuffers);
    packed.putInt(header.length).putInt(parent.length).putInt(metadata.length).putInt(content.length);
    for (int i = 0; i < packedBuffers; i++) {
      packed.putInt(buffers.get(i).length);
    }
    packed.put(header).put(parent).put(metadata).put(content);
    for (int i = 0; i < packedBuffers; i++) {
      packed.put(buffers.get(i));
    }
    packed.flip();
    List<ByteBuffer> out = new ArrayList<>(ids.size() + 3 + buffers.size() - packedBuffers + raw.size());
    for (byte[] id : ids) {
      out.add(ByteBuffer.wrap(id));
    }
    out.add(ByteBuffer.wrap(DELIMITER));
    out.add(ByteBuffer.wrap(signature));
    out.add(packed);
    for (int i = packedBuffers; i < buffers.size(); i++) {
      out.add(ByteBuffer.wrap(buffers.get(i)));
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

  /** The parts of a packed frame (at least header, parent, metadata and content), or why it is malformed. */
  static List<byte[]> unpack(ByteBuffer frame) throws BadMessageException {
    ByteBuffer b = frame.duplicate();
    if (b.remaining() < 4) {
      throw new BadMessageException("malformed packed frame");
    }
    int n = b.getInt();
    if (n < 4 || n > MAX_PARTS || (long) n * 4 > b.remaining()) {
      throw new BadMessageException("malformed packed frame");
    }
    int[] lengths = new int[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      lengths[i] = b.getInt();
      if (lengths[i] < 0) {
        throw new BadMessageException("malformed packed frame");
      }
      total += lengths[i];
    }
    if (total != b.remaining()) {
      throw new BadMessageException("malformed packed frame");
    }
    List<byte[]> parts = new ArrayList<>(n);
    for (int len : lengths) {
      byte[] part = new byte[len];
      b.get(part);
      parts.add(part);
    }
    return parts;
  }
}
