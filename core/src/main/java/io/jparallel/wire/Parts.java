package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The signed parts of a message (header, parent, metadata, content, then signed buffers) as
 * ranges of byte arrays, without copying them: a packed frame's parts all lie in its one
 * array, a message built here holds each part in its own. Receivers read, verify, parse and
 * forward the parts where they arrived; a part becomes an array of its own ({@link #bytes})
 * only when something keeps it. Immutable (the arrays are never written).
 */
final class Parts {
  static final int HEADER = 0;
  static final int PARENT = 1;
  static final int METADATA = 2;
  static final int CONTENT = 3;
  /** The first signed buffer. */
  static final int BUFFERS = 4;

  private final byte[][] arrays;
  private final int[] offsets;
  private final int[] lengths;

  private Parts(byte[][] arrays, int[] offsets, int[] lengths) {
    this.arrays = arrays;
    this.offsets = offsets;
    this.lengths = lengths;
  }

  /** Each part a whole array of its own. */
  static Parts of(List<byte[]> parts) {
    int n = parts.size();
    byte[][] arrays = new byte[n][];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      arrays[i] = parts.get(i);
      lengths[i] = arrays[i].length;
    }
    return new Parts(arrays, new int[n], lengths);
  }

  /** Parts at {@code offsets} of one array, {@code lengths} long (checked by the caller). */
  static Parts in(byte[] array, int[] offsets, int[] lengths) {
    byte[][] arrays = new byte[offsets.length][];
    Arrays.fill(arrays, array);
    return new Parts(arrays, offsets, lengths);
  }

  int size() {
    return arrays.length;
  }

  byte[] array(int i) {
    return arrays[i];
  }

  int offset(int i) {
    return offsets[i];
  }

  int length(int i) {
    return lengths[i];
  }

  /** Part {@code i} as an array of its own: its array when it is all of one, else a copy. */
  byte[] bytes(int i) {
    byte[] a = arrays[i];
    if (offsets[i] == 0 && lengths[i] == a.length) {
      return a;
    }
    return Arrays.copyOfRange(a, offsets[i], offsets[i] + lengths[i]);
  }

  /** Part {@code i} as a buffer over it (no copy). */
  ByteBuffer buffer(int i) {
    return ByteBuffer.wrap(arrays[i], offsets[i], lengths[i]);
  }

  /** The same parts with part {@code i} replaced by {@code replacement}. */
  Parts with(int i, byte[] replacement) {
    byte[][] a = arrays.clone();
    int[] o = offsets.clone();
    int[] l = lengths.clone();
    a[i] = replacement;
    o[i] = 0;
    l[i] = replacement.length;
    return new Parts(a, o, l);
  }

  /** These parts, then {@code more}, each a whole array. */
  Parts plus(List<byte[]> more) {
    int n = arrays.length;
    byte[][] a = Arrays.copyOf(arrays, n + more.size());
    int[] o = Arrays.copyOf(offsets, n + more.size());
    int[] l = Arrays.copyOf(lengths, n + more.size());
    for (int i = 0; i < more.size(); i++) {
      a[n + i] = more.get(i);
      l[n + i] = more.get(i).length;
    }
    return new Parts(a, o, l);
  }

  /** Parts {@code from} (inclusive) to {@code to} (exclusive). */
  Parts range(int from, int to) {
    return new Parts(Arrays.copyOfRange(arrays, from, to), Arrays.copyOfRange(offsets, from, to),
        Arrays.copyOfRange(lengths, from, to));
  }

  /** Total bytes of the parts. */
  long totalLength() {
    long n = 0;
    for (int l : lengths) {
      n += l;
    }
    return n;
  }
}
