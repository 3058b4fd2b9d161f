package io.jparallel.serialize;

import java.util.HashSet;
import java.util.Set;

/** Hostile object graphs for tests of deserialization limits (this module's and the fault suite's). */
public final class Bombs {
  private Bombs() {}

  /**
   * Nested {@code HashSet}s {@code depth} levels deep, two per level sharing their children:
   * small to send, but hashing the whole graph while reading it back takes 2^depth steps.
   */
  public static Set<Object> hashSetBomb(int depth) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < depth; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }
}
