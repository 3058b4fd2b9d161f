package io.jparallel.serialize;

import io.jparallel.wire.BufferPool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk conversion of primitive arrays to and from little-endian frames: one copy each way.
 * Large frames of a pooled writer are recycled direct buffers, which sockets write with no
 * further copy.
 */
final class PrimitiveArrays {
  private PrimitiveArrays() {}

  static String kind(Object array) {
    return array.getClass().getComponentType().getName() + "[]";
  }

  /** A little-endian buffer of {@code size} bytes: from the pool if {@code pooled} and it has one, else the heap. */
  static ByteBuffer allocate(int size, boolean pooled) {
    ByteBuffer b = pooled ? BufferPool.shared().acquire(size) : null;
    return (b != null ? b : ByteBuffer.allocate(size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  static ByteBuffer toBuffer(Object array, boolean pooled) {
    ByteBuffer b;
    if (array instanceof double[] a) {
      b = allocate(a.length * 8, pooled);
      b.asDoubleBuffer().put(a);
    } else if (array instanceof long[] a) {
      b = allocate(a.length * 8, pooled);
      b.asLongBuffer().put(a);
    } else if (array instanceof int[] a) {
      b = allocate(a.length * 4, pooled);
      b.asIntBuffer().put(a);
    } else if (array instanceof float[] a) {
      b = allocate(a.length * 4, pooled);
      b.asFloatBuffer().put(a);
    } else if (array instanceof short[] a) {
      b = allocate(a.length * 2, pooled);
      b.asShortBuffer().put(a);
    } else if (array instanceof char[] a) {
      b = allocate(a.length * 2, pooled);
      b.asCharBuffer().put(a);
    } else if (array instanceof boolean[] a) {
      b = allocate(a.length, pooled);
      for (int i = 0; i < a.length; i++) {
        b.put(i, (byte) (a[i] ? 1 : 0));
      }
    } else {
      throw new IllegalArgumentException("not a primitive array: " + array.getClass().getName());
    }
    return b;
  }

  /** Returns null if {@code kind} is not a primitive array kind. */
  static Object fromBuffer(String kind, ByteBuffer frame) {
    ByteBuffer bb = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
    int n = bb.remaining();
    switch (kind) {
      case "double[]": {
        double[] a = new double[n / 8];
        bb.asDoubleBuffer().get(a);
        return a;
      }
      case "long[]": {
        long[] a = new long[n / 8];
        bb.asLongBuffer().get(a);
        return a;
      }
      case "int[]": {
        int[] a = new int[n / 4];
        bb.asIntBuffer().get(a);
        return a;
      }
      case "float[]": {
        float[] a = new float[n / 4];
        bb.asFloatBuffer().get(a);
        return a;
      }
      case "short[]": {
        short[] a = new short[n / 2];
        bb.asShortBuffer().get(a);
        return a;
      }
      case "char[]": {
        char[] a = new char[n / 2];
        bb.asCharBuffer().get(a);
        return a;
      }
      case "boolean[]": {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = bb.get(i) != 0;
        }
        return a;
      }
      default:
        return null;
    }
  }
}
