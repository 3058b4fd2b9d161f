package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private static byte[] sig(Random r) {
    byte[] mac = new byte[32];
    r.nextBytes(mac);
    return (HexFormat.of().formatHex(mac) + (r.nextBoolean() ? ":1" : "")).getBytes(StandardCharsets.US_ASCII);
  }

  /** Within its window every signature is refused the second time; past it the oldest are forgotten, in order. */
  @Test
  void remembersTheLastCapacitySignaturesAndForgetsTheOldestFirst() {
    int capacity = 1000;
    ReplayGuard g = new ReplayGuard(capacity);
    Random r = new Random(13);
    List<byte[]> seen = new ArrayList<>();
    for (int i = 0; i < 5 * capacity; i++) {
      byte[] s = sig(r);
      assertThat(g.firstSeen(s)).isTrue();
      seen.add(s);
      if (i % 97 == 0) { // a replay of something still in the window
        assertThat(g.firstSeen(seen.get(Math.max(0, seen.size() - 1 - r.nextInt(Math.min(capacity, seen.size())))))).isFalse();
      }
    }
    int n = seen.size();
    for (int i = n - capacity; i < n; i++) {
      assertThat(g.firstSeen(seen.get(i))).as("signature %d of the window", i).isFalse();
    }
    // the one before the window was forgotten: accepted once more, which pushes the window's oldest out
    assertThat(g.firstSeen(seen.get(n - capacity - 1))).isTrue();
    assertThat(g.firstSeen(seen.get(n - capacity))).isTrue();
    assertThat(g.firstSeen(seen.get(n - 1))).isFalse();
  }

  /** Against a plain model (the last capacity keys, in order), with replays old and new, at capacities small enough to wrap and cluster. */
  @Test
  void agreesWithAPlainModelOfItsWindow() {
    for (int capacity : new int[] {1, 2, 7, 64, 1000}) {
      ReplayGuard g = new ReplayGuard(capacity);
      java.util.ArrayDeque<String> window = new java.util.ArrayDeque<>();
      java.util.Set<String> inWindow = new java.util.HashSet<>();
      List<byte[]> all = new ArrayList<>();
      Random r = new Random(capacity);
      for (int i = 0; i < 30 * capacity + 500; i++) {
        byte[] s = all.isEmpty() || r.nextInt(3) > 0 ? sig(r) : all.get(r.nextInt(all.size()));
        String key = new String(s, StandardCharsets.US_ASCII).substring(0, 32);
        boolean expected = !inWindow.contains(key);
        assertThat(g.firstSeen(s)).as("capacity %d, step %d", capacity, i).isEqualTo(expected);
        if (expected) {
          all.add(s);
          window.addLast(key);
          inWindow.add(key);
          if (window.size() > capacity) {
            inWindow.remove(window.removeFirst());
          }
        }
      }
    }
  }

  @Test
  void keysThatAreNotHexAreHashedWhole() {
    ReplayGuard g = new ReplayGuard(4);
    assertThat(g.firstSeen("short")).isTrue();
    assertThat(g.firstSeen("short")).isFalse();
    assertThat(g.firstSeen("shorter")).isTrue();
  }
}
