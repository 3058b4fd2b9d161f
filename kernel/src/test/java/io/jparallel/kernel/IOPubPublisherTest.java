package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.Header;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IOPubPublisherTest {
  private final List<Message> sent = new CopyOnWriteArrayList<>();

  private static Header parent(String id) {
    return new Header(id, "execute_request", "client", "user", null, Header.PROTOCOL_VERSION);
  }

  @Test
  void mergesPrintlnBurstsIntoFewStreamMessagesInOrder() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new MessageFactory("kernel"))) {
      Header cell = parent("cell-1");
      p.status(cell, "busy");
      for (int i = 0; i < 5000; i++) {
        p.stream(cell, "stdout", "line " + i + "\n");
      }
      p.status(cell, "idle");
      assertThat(p.flush(5000)).isTrue();
    }
    assertThat(sent.get(0).type()).isEqualTo("status");
    assertThat(sent.get(sent.size() - 1).type()).isEqualTo("status");
    List<Message> streams = sent.stream().filter(m -> m.type().equals("stream")).toList();
    assertThat(streams.size()).isLessThan(50);
    String all = String.join("", streams.stream().map(m -> m.content().get("text").asText()).toList());
    assertThat(all.lines().count()).isEqualTo(5000);
    assertThat(all).startsWith("line 0\nline 1\n").endsWith("line 4999\n");
    assertThat(streams.get(0).parent().msgId()).isEqualTo("cell-1");
  }

  @Test
  void doesNotMergeAcrossStreamsOrCells() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new MessageFactory("kernel"))) {
      p.stream(parent("a"), "stdout", "1");
      p.stream(parent("a"), "stderr", "2");
      p.stream(parent("b"), "stderr", "3");
      p.stream(parent("b"), "stderr", "4");
      assertThat(p.flush(5000)).isTrue();
    }
    assertThat(sent).extracting(m -> m.content().get("name").asText() + ":" + m.content().get("text").asText()
        + "@" + m.parent().msgId())
        .containsExactly("stdout:1@a", "stderr:2@a", "stderr:34@b");
  }

  @Test
  void lateOutputIsSentWithoutAnotherMessageToPushIt() throws Exception {
    try (IOPubPublisher p = new IOPubPublisher(sent::add, new MessageFactory("kernel"))) {
      p.stream(parent("a"), "stdout", "late");
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    }
    assertThat(sent).hasSize(1);
  }
}
