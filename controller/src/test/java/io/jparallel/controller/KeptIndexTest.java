package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index agrees with a plain model (a map and two insertion orders), collisions and all. */
class KeptIndexTest {

  @Test
  void agreesWithAPlainModelUnderRandomOperations() {
    for (int hashes : new int[] {1, 7, 1 << 30}) { // every key on one hash, a few, nearly all distinct
      Random rnd = new Random(hashes);
      KeptIndex index = new KeptIndex();
      Map<Integer, Integer> keyOf = new HashMap<>(); // slot -> key
      List<LinkedHashMap<Integer, Integer>> model = List.of(new LinkedHashMap<>(), new LinkedHashMap<>()); // key -> slot
      for (int step = 0; step < 40_000; step++) {
        int key = rnd.nextInt(hashes == 1 ? 300 : 3000);
        long h = KeptIndex.hash(Integer.toString(key)) % hashes;
        int slot = index.find(h, s -> keyOf.get(s) == key);
        Integer expected = model.get(0).containsKey(key) ? model.get(0).get(key) : model.get(1).get(key);
        assertThat(slot == KeptIndex.NONE ? null : slot).as("find %d at step %d", key, step).isEqualTo(expected);
        int op = rnd.nextInt(10);
        if (slot == KeptIndex.NONE && op < 6) {
          int order = rnd.nextInt(2);
          int s = index.add(h, order);
          assertThat(keyOf).doesNotContainKey(s);
          keyOf.put(s, key);
          model.get(order).put(key, s);
        } else if (slot != KeptIndex.NONE && op < 4) {
          index.remove(slot);
          keyOf.remove(slot);
          model.get(0).remove(key);
          model.get(1).remove(key);
        } else if (slot != KeptIndex.NONE && op < 7) {
          index.moveToEnd(slot, KeptIndex.READ);
          model.get(0).remove(key);
          model.get(1).remove(key);
          model.get(0).put(key, slot);
        } else if (op == 9 && rnd.nextInt(50) == 0) { // evict the oldest of an order
          int order = rnd.nextInt(2);
          int first = index.first(order);
          if (model.get(order).isEmpty()) {
            assertThat(first).isEqualTo(KeptIndex.NONE);
          } else {
            assertThat(first).isEqualTo(model.get(order).values().iterator().next());
            int k = keyOf.remove(first);
            index.remove(first);
            model.get(order).remove(k);
          }
        }
        assertThat(index.count()).isEqualTo(model.get(0).size() + model.get(1).size());
      }
      for (int order = 0; order < 2; order++) { // each order, walked, is the model's
        List<Integer> walked = new ArrayList<>();
        for (int s = index.first(order); s != KeptIndex.NONE; s = index.after(s)) {
          walked.add(s);
        }
        assertThat(walked).isEqualTo(new ArrayList<>(model.get(order).values()));
      }
      index.clear();
      assertThat(index.count()).isZero();
      assertThat(index.find(0, s -> true)).isEqualTo(KeptIndex.NONE);
    }
  }
}
