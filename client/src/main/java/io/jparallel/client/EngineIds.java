package io.jparallel.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** How engine ids and counts are written for users (the client's messages, the session's output): {@code 0-3, 6}, {@code 1 engine}, {@code 2 engines}. */
public final class EngineIds {
  private EngineIds() {}

  /** Sorted ids with runs of three or more collapsed: {@code 0-3, 6, 8, 9}. */
  public static String ranges(List<Integer> ids) {
    List<Integer> sorted = new ArrayList<>(new TreeSet<>(ids));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      if (j - i >= 2) {
        parts.add(sorted.get(i) + "-" + sorted.get(j));
      } else {
        for (int k = i; k <= j; k++) {
          parts.add(String.valueOf(sorted.get(k)));
        }
      }
      i = j + 1;
    }
    return String.join(", ", parts);
  }

  /** {@code 1 engine}, {@code 2 engines} (or any other noun: {@code 1 more engine}). */
  public static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
