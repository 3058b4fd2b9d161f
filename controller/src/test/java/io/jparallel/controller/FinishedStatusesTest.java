package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The finished statuses agree with a plain model: the most recent N to finish, oldest out first (a removed one's place too), by id. */
class FinishedStatusesTest {

  @Test
  void agreesWithAPlainRingUnderRandomOperations() {
    for (int capacity : new int[] {1, 7, 64, 500}) {
      Random rnd = new Random(capacity);
      String[] ids = new String[capacity * 4 + 10];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
      }
      FinishedStatuses statuses = new FinishedStatuses(capacity);
      Ring model = new Ring(capacity);
      for (int step = 0; step < 30_000; step++) {
        String id = ids[rnd.nextInt(ids.length)];
        assertThat(statuses.ok(id)).as("capacity %d, step %d, %s", capacity, step, id).isEqualTo(model.get(id));
        int op = rnd.nextInt(20);
        if (op < 15) {
          boolean ok = rnd.nextBoolean();
          statuses.put(id, ok ? "ok" : rnd.nextBoolean() ? "error" : "aborted");
          model.put(id, ok);
        } else if (op < 19) {
          statuses.remove(id);
          model.remove(id);
        } else if (rnd.nextInt(200) == 0) {
          statuses.clear();
          model.clear();
        }
        assertThat(statuses.count()).isEqualTo(model.size());
      }
      for (String id : ids) {
        assertThat(statuses.ok(id)).isEqualTo(model.get(id));
      }
    }
  }

  /** In finishing order, places of removed tasks included ("" marks one); the oldest place goes when there are more than the capacity. */
  private static final class Ring {
    final int capacity;
    final List<String> places = new ArrayList<>();
    final Map<String, Boolean> live = new HashMap<>();

    Ring(int capacity) {
      this.capacity = capacity;
    }

    Boolean get(String id) {
      return live.get(id);
    }

    void put(String id, boolean ok) {
      if (!live.containsKey(id)) {
        places.add(id);
        if (places.size() > capacity) {
          live.remove(places.remove(0));
        }
      }
      if (capacity > 0) {
        live.put(id, ok);
      }
    }

    void remove(String id) {
      if (live.remove(id) != null) {
        places.set(places.indexOf(id), "");
      }
    }

    int size() {
      return live.size();
    }

    void clear() {
      places.clear();
      live.clear();
    }
  }

  @Test
  void aHundredThousandStatusesThenTheOldestMakeRoom() {
    FinishedStatuses statuses = new FinishedStatuses(100_000);
    for (int i = 0; i < 150_000; i++) {
      statuses.put("task-" + i, i % 3 == 0 ? "error" : "ok");
    }
    assertThat(statuses.count()).isEqualTo(100_000);
    assertThat(statuses.ok("task-49999")).isNull();
    assertThat(statuses.ok("task-50000")).isTrue();
    assertThat(statuses.ok("task-50001")).isFalse();
    assertThat(statuses.ok("task-149999")).isTrue();
    assertThat(statuses.ok("task-150000")).isNull();
  }

  @Test
  void noneKeptWhenTheLimitIsZero() {
    FinishedStatuses statuses = new FinishedStatuses(0);
    statuses.put("a", "ok");
    assertThat(statuses.ok("a")).isNull();
    assertThat(statuses.count()).isZero();
  }
}
