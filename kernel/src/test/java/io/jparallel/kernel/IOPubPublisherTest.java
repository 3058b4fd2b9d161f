package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.jparallel.kernel.wire.Headers;
import io.jparallel.kernel.wire.WireMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IOPubPublisherTest {
  private final List<WireMessage> sent = new CopyOnWriteArrayList<>();

  private static JsonObject parent(String id) {
    JsonObject h = new JsonObject();
    h.addProperty("msg_id", id);
    return h;
  }

  @Test
  void mergesPrintlnBurstsIntoFewStreamMessagesInOrder() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new Headers())) {
      JsonObject cell = parent("cell-1");
      p.status(cell, "busy");
      for (int i = 0; i < 5000; i++) {
        p.stream(cell, "stdout", "line " + i + "\n");
      }
      p.status(cell, "idle");
      assertThat(p.flush(5000)).isTrue();
    }
    assertThat(sent.get(0).msgType()).isEqualTo("status");
    assertThat(sent.get(sent.size() - 1).msgType()).isEqualTo("status");
    List<WireMessage> streams = sent.stream().filter(m -> m.msgType().equals("stream")).toList();
    assertThat(streams.size()).isLessThan(50);
    String all = String.join("", streams.stream().map(m -> m.content().get("text").getAsString()).toList());
    assertThat(all.lines().count()).isEqualTo(5000);
    assertThat(all).startsWith("line 0\nline 1\n").endsWith("line 4999\n");
    assertThat(streams.get(0).parentHeader().get("msg_id").getAsString()).isEqualTo("cell-1");
  }

  @Test
  void doesNotMergeAcrossStreamsOrCells() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new Headers())) {
      p.stream(parent("a"), "stdout", "1");
      p.stream(parent("a"), "stderr", "2");
      p.stream(parent("b"), "stderr", "3");
      p.stream(parent("b"), "stderr", "4");
      assertThat(p.flush(5000)).isTrue();
    }
    assertThat(sent).extracting(m -> m.content().get("name").getAsString() + ":" + m.content().get("text").getAsString()
        + "@" + m.parentHeader().get("msg_id").getAsString())
        .containsExactly("stdout:1@a", "stderr:2@a", "stderr:34@b");
  }

  @Test
  void lateOutputIsSentWithoutAnotherMessageToPushIt() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new Headers())) {
      p.stream(parent("a"), "stdout", "late");
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    }
    assertThat(sent).hasSize(1);
  }
}
