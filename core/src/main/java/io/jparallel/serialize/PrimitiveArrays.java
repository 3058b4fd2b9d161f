package io.jparallel.serialize;

import java.nio.ByteBuffer;

/** Bulk conversion of primitive arrays to and from little-endian bytes. */
final class PrimitiveArrays {
  private PrimitiveArrays() {}

  static String kind(Object array) {
    return array.getClass().getComponentType().getName() + "[]";
  }

  static byte[] toBytes(Object array) {
    if (array instanceof double[] a) {
      byte[] b = new byte[a.length * 8];
      PayloadWriter.little(b).asDoubleBuffer().put(a);
      return b;
    }
    if (array instanceof long[] a) {
      byte[] b = new byte[a.length * 8];
      PayloadWriter.little(b).asLongBuffer().put(a);
      return b;
    }
    if (array instanceof int[] a) {
      byte[] b = new byte[a.length * 4];
      PayloadWriter.little(b).asIntBuffer().put(a);
      return b;
    }
    if (array instanceof float[] a) {
      byte[] b = new byte[a.length * 4];
      PayloadWriter.little(b).asFloatBuffer().put(a);
      return b;
    }
    if (array instanceof short[] a) {
      byte[] b = new byte[a.length * 2];
      PayloadWriter.little(b).asShortBuffer().put(a);
      return b;
    }
    if (array instanceof char[] a) {
      byte[] b = new byte[a.length * 2];
      PayloadWriter.little(b).asCharBuffer().put(a);
      return b;
    }
    if (array instanceof boolean[] a) {
      byte[] b = new byte[a.length];
      for (int i = 0; i < a.length; i++) {
        b[i] = (byte) (a[i] ? 1 : 0);
      }
      return b;
    }
    throw new IllegalArgumentException("not a primitive array: " + array.getClass().getName());
  }

  /** Returns null if {@code kind} is not a primitive array kind. */
  static Object fromBytes(String kind, byte[] b) {
    ByteBuffer bb = PayloadWriter.little(b);
    switch (kind) {
      case "double[]": {
        double[] a = new double[b.length / 8];
        bb.asDoubleBuffer().get(a);
        return a;
      }
      case "long[]": {
        long[] a = new long[b.length / 8];
        bb.asLongBuffer().get(a);
        return a;
      }
      case "int[]": {
        int[] a = new int[b.length / 4];
        bb.asIntBuffer().get(a);
        return a;
      }
      case "float[]": {
        float[] a = new float[b.length / 4];
        bb.asFloatBuffer().get(a);
        return a;
      }
      case "short[]": {
        short[] a = new short[b.length / 2];
        bb.asShortBuffer().get(a);
        return a;
      }
      case "char[]": {
        char[] a = new char[b.length / 2];
        bb.asCharBuffer().get(a);
        return a;
      }
      case "boolean[]": {
        boolean[] a = new boolean[b.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = b[i] != 0;
        }
        return a;
      }
      default:
        return null;
    }
  }
}
