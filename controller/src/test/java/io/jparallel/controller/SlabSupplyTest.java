package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Fresh slabs made ahead off the loop thread, by a thread that ends once none are wanted. */
class SlabSupplyTest {
  private static boolean makerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("jparallel-slabs"));
  }

  @Test
  void slabsAreFreshZeroedAndMadeAheadByAThreadThatEndsWhenIdle() throws Exception {
    SlabSupply supply = new SlabSupply(1 << 16);
    ByteBuffer first = supply.take(); // none ready yet: made on this thread, and the maker asked for more
    assertThat(first.isDirect()).isTrue();
    assertThat(first.capacity()).isEqualTo(1 << 16);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (supply.ready() < SlabSupply.AHEAD && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(supply.ready()).as("made ahead on the maker's thread").isEqualTo(SlabSupply.AHEAD);
    ByteBuffer ahead = supply.take(); // one of those (the maker replaces it at once)
    assertThat(ahead).isNotSameAs(first);
    for (int i = 0; i < ahead.capacity(); i += 4096) {
      assertThat(ahead.get(i)).isZero();
    }
    assertThat(makerAlive()).as("the maker runs while slabs are wanted").isTrue();
    supply.clear();
    deadline = System.nanoTime() + 10_000_000_000L;
    while (makerAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(makerAlive()).as("the maker ends once idle").isFalse();
    DirectMemory.free(first);
    DirectMemory.free(ahead);
  }
}
