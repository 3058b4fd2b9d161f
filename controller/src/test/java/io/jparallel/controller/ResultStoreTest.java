package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Json;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.WireCodec;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result store's budget and its eviction order: longest-retrieved first, undelivered last. */
class ResultStoreTest {
  private final WireCodec codec = new WireCodec(Signer.of("k"));
  private final MessageFactory peer = new MessageFactory("engine");

  private Envelope reply(int rawBytes, boolean direct) throws BadMessageException {
    ByteBuffer raw = direct ? ByteBuffer.allocateDirect(rawBytes) : ByteBuffer.allocate(rawBytes);
    return codec.verify(codec.encode(peer.message("apply_reply", Json.object(), Json.object(), List.of(), List.of(raw))
        .withIds(List.of(new byte[] {1}))));
  }

  @Test
  void evictsTheLongestRetrievedFirstAndUndeliveredLast() throws Exception {
    Envelope r = reply(1000, false);
    long size = r.size();
    ResultStore store = new ResultStore(size * 3);
    store.put("undelivered", r, null, false);
    store.put("a", reply(1000, false), null, true);
    store.put("b", reply(1000, false), null, true);
    assertThat(store.retrieve("a")).isNotNull(); // a is now the most recently retrieved
    store.put("c", reply(1000, false), null, true);
    assertThat(store.contains("b")).as("retrieved longest ago").isFalse();
    assertThat(store.contains("a")).isTrue();
    assertThat(store.contains("undelivered")).isTrue();
    store.put("d", reply(1000, false), null, true);
    store.put("e", reply(1000, false), null, true);
    assertThat(store.contains("undelivered")).as("kept while delivered ones can go").isTrue();
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.bytes()).isLessThanOrEqualTo(size * 3);
  }

  private static List<ByteBuffer> frames(Envelope e) {
    return e.frames(List.of(new byte[] {9}));
  }

  @Test
  void givesBackTheSameFramesAndReusesItsSlabsOnceFull() throws Exception {
    long direct = directBytes();
    Envelope first = reply(3000, false);
    ResultStore store = new ResultStore(4L * SlabLog.SLAB_BYTES);
    store.put("first", first, reply(10, false), true);
    assertThat(frames(store.retrieve("first"))).isEqualTo(frames(first));
    assertThat(store.request("first").contentBytes()).isEqualTo(reply(10, false).contentBytes());
    for (int i = 0; i < 20_000; i++) { // some 60 MB through a 4 MiB budget
      store.put("t" + i, reply(3000, false), null, true);
      if (i % 1000 == 0 && i >= 3000) {
        assertThat(store.retrieve("t" + (i - 3000))).isNull(); // long evicted
        assertThat(store.retrieve("t" + (i - 10))).isNotNull(); // kept, and now the newest retrieved
      }
    }
    Envelope last = reply(3000, false);
    store.put("last", last, null, true);
    assertThat(store.contains("first")).isFalse();
    assertThat(frames(store.retrieve("last"))).isEqualTo(frames(last));
    assertThat(store.bytes()).isLessThanOrEqualTo(4L * SlabLog.SLAB_BYTES);
    assertThat(store.allocatedBytes()).as("slabs reused, not allocated anew")
        .isLessThanOrEqualTo(4L * SlabLog.SLAB_BYTES + 10L * SlabLog.SLAB_BYTES);
    assertThat(directBytes() - direct).as("slabs live off the heap").isGreaterThanOrEqualTo(4L * SlabLog.SLAB_BYTES);
    store.clear();
    assertThat(store.count()).isZero();
    assertThat(store.retrieve("last")).isNull();
    assertThat(directBytes()).as("every slab given back").isLessThanOrEqualTo(direct);
  }

  @Test
  void freesSlabsBeyondItsSparesAndRefusesToReadThem() throws Exception {
    SlabLog log = new SlabLog();
    Envelope big = reply(700 << 10, false); // one per slab
    byte[] key = "k".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<SlabLog.Placed> placed = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      placed.add(log.append(key, big, null));
    }
    SlabLog.Placed ninth = placed.get(9);
    assertThat(frames(log.reply(ninth.position(), ninth.replyLength()))).isEqualTo(frames(big));
    assertThat(log.hasKey(ninth.position(), key)).isTrue();
    assertThat(log.hasKey(ninth.position(), "kk".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    placed.forEach(p -> log.release(p.position())); // ten slabs emptied: eight kept for reuse, two freed; the newest is current
    assertThat(log.allocatedBytes()).isEqualTo(9L * SlabLog.SLAB_BYTES);
    assertThatThrownBy(() -> log.reply(ninth.position(), ninth.replyLength())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("freed");
    SlabLog.Placed again = null;
    for (int i = 0; i < 12; i++) { // the freed slabs' numbers are given to new ones: old positions stay refused
      again = log.append(key, big, null);
    }
    assertThat(frames(log.reply(again.position(), again.replyLength()))).isEqualTo(frames(big));
    assertThatThrownBy(() -> log.reply(ninth.position(), ninth.replyLength())).isInstanceOf(IllegalStateException.class);
    log.clear();
    assertThat(log.allocatedBytes()).isZero();
  }

  @Test
  void findsMessagesByTheirKeysAmongThousands() throws Exception {
    ResultStore store = new ResultStore(64L << 20);
    Envelope r = reply(100, false);
    for (int i = 0; i < 5000; i++) {
      store.put("id-" + i, r, null, i % 2 == 0);
    }
    assertThat(store.count()).isEqualTo(5000);
    assertThat(store.contains("id-4999")).isTrue();
    assertThat(store.contains("id-5000")).isFalse();
    assertThat(store.contains("Id-1")).isFalse();
    Envelope again = reply(200, false);
    store.put("id-7", again, null, true); // kept again under the same id: replaced
    assertThat(store.count()).isEqualTo(5000);
    assertThat(frames(store.retrieve("id-7"))).isEqualTo(frames(again));
    for (int i = 0; i < 5000; i += 3) {
      assertThat(store.remove("id-" + i)).isTrue();
    }
    for (int i = 0; i < 5000; i++) {
      assertThat(store.contains("id-" + i)).as("id-" + i).isEqualTo(i % 3 != 0);
    }
    store.put("\u00e9t\u00e9-\u6f22", r, null, true); // any id, as its UTF-8 bytes
    assertThat(store.retrieve("\u00e9t\u00e9-\u6f22")).isNotNull();
    assertThat(store.retrieve("\u00e9t\u00e9-\u6f23")).isNull();
  }

  @Test
  void keepsRequestsWithinTheSameBudgetAndNothingInPooledBuffers() throws Exception {
    Envelope request = reply(500, false);
    ResultStore store = new ResultStore(1 << 20);
    store.put("t", reply(100, false), request, true);
    assertThat(frames(store.request("t"))).isEqualTo(frames(request));
    assertThat(store.bytes()).isEqualTo(reply(100, false).size() + request.size());
    store.put("pooled", reply(100, true), null, true);
    assertThat(store.contains("pooled")).isFalse();
    store.put("pooled-request", reply(100, false), reply(100, true), true);
    assertThat(store.request("pooled-request")).isNull();
    assertThat(store.remove("t")).isTrue();
    assertThat(store.request("t")).isNull();
    assertThat(new ResultStore(0).keepsRequests()).isFalse();
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
  }

  @Test
  void keepsLargeMessagesOffTheHeapAndGivesTheirMemoryBackWhenEvicted() throws Exception {
    Envelope large = reply(1 << 20, false);
    Envelope request = reply(300 << 10, false);
    long size = large.size() + request.size();
    ResultStore store = new ResultStore(8 * size);
    store.put("large", large, request, true);
    assertThat(frames(store.retrieve("large"))).isEqualTo(frames(large));
    assertThat(store.retrieve("large").raw().get(0).isDirect()).as("read back as a copy on the heap").isFalse();
    assertThat(frames(store.request("large"))).isEqualTo(frames(request));
    long before = directBytes();
    Envelope last = null;
    for (int i = 0; i < 200; i++) { // 260 MB through a budget of 8 messages, with no collection asked for
      last = reply(1 << 20, false);
      store.put("t" + i, last, reply(300 << 10, false), true);
    }
    assertThat(store.count()).isBetween(7, 8);
    assertThat(store.contains("large")).isFalse();
    assertThat(frames(store.retrieve("t199"))).isEqualTo(frames(last));
    assertThat(directBytes() - before).as("evicted messages' memory given back at once")
        .isLessThanOrEqualTo(8 * size + (1 << 20));
    store.clear();
    assertThat(directBytes()).isLessThanOrEqualTo(before);
  }
}
