package io.jparallel.client;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Contiguous blocks for scatter and their concatenation for gather. */
final class Partition {
  private Partition() {}

  /** Splits a List or an array into {@code k} contiguous blocks; the first n % k get one extra. */
  static List<Object> split(Object data, int k) {
    if (data == null) {
      throw new IllegalArgumentException("cannot scatter null");
    }
    int n;
    if (data instanceof List<?> list) {
      n = list.size();
    } else if (data.getClass().isArray()) {
      n = Array.getLength(data);
    } else {
      throw new IllegalArgumentException("scatter takes a List or an array, not " + data.getClass().getName());
    }
    List<Object> parts = new ArrayList<>(k);
    int start = 0;
    for (int i = 0; i < k; i++) {
      int size = n / k + (i < n % k ? 1 : 0);
      parts.add(slice(data, start, start + size));
      start += size;
    }
    return parts;
  }

  private static Object slice(Object data, int from, int to) {
    if (data instanceof List<?> list) {
      return new ArrayList<>(list.subList(from, to));
    }
    Object out = Array.newInstance(data.getClass().getComponentType(), to - from);
    System.arraycopy(data, from, out, 0, to - from);
    return out;
  }

  /** Concatenates lists into a list and arrays into an array of the same component type. */
  @SuppressWarnings("unchecked")
  static <V> V concat(List<Object> parts) {
    Object first = parts.stream().filter(p -> p != null).findFirst().orElse(null);
    if (first == null) {
      return (V) new ArrayList<>();
    }
    if (first.getClass().isArray()) {
      int n = 0;
      for (Object p : parts) {
        n += p == null ? 0 : Array.getLength(p);
      }
      Object out = Array.newInstance(first.getClass().getComponentType(), n);
      int at = 0;
      for (Object p : parts) {
        if (p != null) {
          int len = Array.getLength(p);
          System.arraycopy(p, 0, out, at, len);
          at += len;
        }
      }
      return (V) out;
    }
    List<Object> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof List<?> l) {
        out.addAll(l);
      } else if (p instanceof Object[] a) {
        out.addAll(Arrays.asList(a));
      } else if (p != null) {
        out.add(p);
      }
    }
    return (V) out;
  }
}
