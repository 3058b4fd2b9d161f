package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames as they cross a socket: {@link ByteBuffer}s, so large ones can live outside the heap
 * (JeroMQ reads into and writes from direct buffers with no temporary copy). Small frames are
 * heap buffers wrapping a whole {@code byte[]}.
 */
public final class Frames {
  private Frames() {}

  /** Whether {@code frame} is a heap buffer over exactly the whole of its array. */
  public static boolean wrapsWholeArray(ByteBuffer frame) {
    return frame.hasArray() && frame.arrayOffset() == 0 && frame.position() == 0
        && frame.remaining() == frame.array().length;
  }

  /** The bytes of a frame: its array when it wraps a whole one, else a copy. */
  public static byte[] bytes(ByteBuffer frame) {
    if (wrapsWholeArray(frame)) {
      return frame.array();
    }
    byte[] b = new byte[frame.remaining()];
    frame.duplicate().get(b);
    return b;
  }

  /** {@code frames} behind routing {@code ids} (no copy of either): itself when there are none. */
  public static List<ByteBuffer> withIds(List<byte[]> ids, List<ByteBuffer> frames) {
    if (ids.isEmpty()) {
      return frames;
    }
    List<ByteBuffer> out = new ArrayList<>(ids.size() + frames.size());
    for (byte[] id : ids) {
      out.add(ByteBuffer.wrap(id));
    }
    out.addAll(frames);
    return out;
  }

  /** Wraps byte arrays as frames (no copy). */
  public static List<ByteBuffer> of(byte[]... frames) {
    List<ByteBuffer> out = new ArrayList<>(frames.length);
    for (byte[] f : frames) {
      out.add(ByteBuffer.wrap(f));
    }
    return out;
  }
}
