package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.serialize.PayloadWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several small messages to one peer as one: split only once signed, each message still verified on its own. */
class BatchTest {
  private static final byte[] PEER = "peer".getBytes(StandardCharsets.UTF_8);
  private final WireCodec codec = new WireCodec(Signer.of("secret"));
  private final MessageFactory session = new MessageFactory("test");

  private Message small(int i) {
    return session.message(MsgType.APPLY_REQUEST, Json.object().put("i", i), Json.object().put("n", i), List.of(), List.of());
  }

  private Message large() {
    PayloadWriter w = PayloadWriter.pooled();
    var content = Json.object();
    content.set("a", w.write(new double[1 << 16]));
    return session.message(MsgType.APPLY_REQUEST, Json.object().put("i", -1), content, w.buffers(), w.raw());
  }

  private List<List<ByteBuffer>> encoded(List<Message> ms) {
    List<List<ByteBuffer>> out = new ArrayList<>();
    for (Message m : ms) {
      out.add(codec.encode(m));
    }
    return out;
  }

  /** What a peer receives from these frames: each message verified, in order. */
  private List<Envelope> receive(WireCodec c, List<ByteBuffer> frames) throws BadMessageException {
    List<Envelope> out = new ArrayList<>();
    for (List<ByteBuffer> m : c.messages(frames)) {
      out.add(c.verify(m));
    }
    return out;
  }

  private static List<ByteBuffer> copy(List<ByteBuffer> frames) {
    List<ByteBuffer> out = new ArrayList<>();
    for (ByteBuffer f : frames) {
      out.add(f.duplicate());
    }
    return out;
  }

  @Test
  void smallMessagesTravelAsOneBatchAndArriveInOrderBehindTheirRoutingIds() throws Exception {
    List<WireCodec.Batched> sent = codec.batches(List.of(PEER), encoded(List.of(small(0), small(1), small(2))));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).messages()).isEqualTo(3);
    assertThat(sent.get(0).frames()).hasSize(4); // id, delimiter, signature, batch
    List<Envelope> got = receive(codec, sent.get(0).frames());
    assertThat(got).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(got.get(i).ids()).hasSize(1);
      assertThat(got.get(i).ids().get(0)).isEqualTo(PEER);
      assertThat(got.get(i).metadata().get("i").asInt()).isEqualTo(i);
    }
  }

  /** A batched message is read where it lies in the batch: forwarded, kept and re-signed, it stays the same message. */
  @Test
  void aBatchedMessageIsForwardedKeptAndReSignedIntact() throws Exception {
    List<WireCodec.Batched> sent = codec.batches(List.of(PEER), encoded(List.of(small(0), small(1), small(2))));
    List<Envelope> got = receive(codec, sent.get(0).frames());
    Envelope second = got.get(1);
    assertThat(second.parentMsgId()).isNull();
    // forwarded behind other ids, in a batch of its own kind, to a peer that checks replays
    WireCodec peer = new WireCodec(Signer.of("secret"), new ReplayGuard());
    List<ByteBuffer> forwarded = codec.batches(List.of("engine".getBytes(StandardCharsets.UTF_8)),
        List.of(got.get(0).frames(List.of()), second.frames(List.of()))).get(0).frames();
    Envelope there = receive(peer, forwarded).get(1);
    assertThat(there.message().content()).isEqualTo(Json.object().put("n", 1));
    assertThat(there.metadata()).isEqualTo(Json.object().put("i", 1));
    // kept as stored bytes and read back
    List<ByteBuffer> parts = second.storedParts();
    ByteBuffer store = ByteBuffer.allocateDirect(Envelope.storedSize(parts));
    Envelope.store(parts, store);
    Envelope back = Envelope.stored(store.flip());
    assertThat(back.ids()).containsExactly(PEER);
    assertThat(back.message().content()).isEqualTo(Json.object().put("n", 1));
    assertThat(codec.verify(back.frames(List.of(PEER))).header().msgId()).isEqualTo(second.header().msgId());
    assertThatThrownBy(() -> peer.verify(back.frames(List.of(PEER)))).hasMessageContaining("replayed");
    // its metadata replaced and signed anew: the rest as it was
    Envelope stamped = codec.withMetadata(second, Json.object().put("i", 1).put("stamp", 5));
    Envelope read = codec.verify(stamped.frames(List.of(PEER)));
    assertThat(read.metadata().path("stamp").asInt()).isEqualTo(5);
    assertThat(read.contentBytes()).isEqualTo(second.contentBytes());
    // a byte changed in a batched message's content: that message alone is refused
    List<ByteBuffer> again = codec.batches(List.of(PEER), encoded(List.of(small(0), small(1)))).get(0).frames();
    ByteBuffer batch = again.get(3);
    int at = batch.limit() - 2; // inside the last message's content
    batch.put(at, (byte) (batch.get(at) ^ 1));
    List<List<ByteBuffer>> split = codec.messages(again);
    assertThat(codec.verify(split.get(0)).metadata().path("i").asInt()).isZero();
    assertThatThrownBy(() -> codec.verify(split.get(1))).hasMessageContaining("bad signature");
  }

  @Test
  void oneMessageIsSentAsItIsAndAPlainMessageIsItsOwnOnlyMessage() throws Exception {
    List<WireCodec.Batched> sent = codec.batches(List.of(PEER), encoded(List.of(small(7))));
    assertThat(sent).hasSize(1);
    assertThat(Frames.bytes(sent.get(0).frames().get(1))).isNotEqualTo(Batch.DELIMITER);
    assertThat(codec.messages(sent.get(0).frames())).containsExactly(sent.get(0).frames());
  }

  @Test
  void largeOrPooledMessagesGoAloneWithoutACopyAndKeepTheOrder() throws Exception {
    List<Message> ms = List.of(small(0), small(1), large(), small(3), small(4), small(5));
    List<List<ByteBuffer>> enc = encoded(ms);
    List<WireCodec.Batched> sent = codec.batches(List.of(), enc);
    assertThat(sent).extracting(WireCodec.Batched::messages).containsExactly(2, 1, 3);
    assertThat(sent.get(1).frames()).isEqualTo(enc.get(2)); // the same buffers
    List<Integer> order = new ArrayList<>();
    for (WireCodec.Batched b : sent) {
      for (Envelope e : receive(codec, b.frames())) {
        order.add(e.metadata().get("i").asInt());
      }
    }
    assertThat(order).containsExactly(0, 1, -1, 3, 4, 5);
    BufferPool.shared().releaseAll(enc.get(2));
  }

  @Test
  void aBatchHoldsAtMostItsLimitOfMessages() {
    List<Message> ms = new ArrayList<>();
    for (int i = 0; i < Batch.MAX_MESSAGES + 10; i++) {
      ms.add(small(i));
    }
    assertThat(codec.batches(List.of(), encoded(ms))).extracting(WireCodec.Batched::messages)
        .containsExactly(Batch.MAX_MESSAGES, 10);
  }

  @Test
  void aBatchSignedWithAnotherKeyIsRefusedBeforeItIsSplit() {
    WireCodec other = new WireCodec(Signer.of("other"));
    List<List<ByteBuffer>> enc = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      enc.add(other.encode(small(i)));
    }
    List<ByteBuffer> frames = other.batches(List.of(PEER), enc).get(0).frames();
    assertThatThrownBy(() -> codec.messages(frames)).isInstanceOf(BadMessageException.class)
        .hasMessage("bad batch signature");
  }

  @Test
  void aTamperedOrMisshapedBatchIsRefused() {
    List<ByteBuffer> frames = codec.batches(List.of(PEER), encoded(List.of(small(0), small(1)))).get(0).frames();
    ByteBuffer batch = frames.get(3);
    byte[] bytes = Frames.bytes(batch).clone();
    byte[] shape = bytes.clone();
    int shapeAt = 4 + 4 * ByteBuffer.wrap(bytes).getInt(0); // after the part count and lengths
    shape[shapeAt + 3] ^= 1; // the first message's frame count
    List<ByteBuffer> tamperedShape = new ArrayList<>(frames.subList(0, 3));
    tamperedShape.add(ByteBuffer.wrap(shape));
    assertThatThrownBy(() -> codec.messages(tamperedShape)).isInstanceOf(BadMessageException.class)
        .hasMessageContaining("batch");
    List<ByteBuffer> extraFrame = new ArrayList<>(frames);
    extraFrame.add(ByteBuffer.wrap(new byte[] {1}));
    assertThatThrownBy(() -> codec.messages(extraFrame)).hasMessageContaining("malformed batch");
    List<ByteBuffer> garbage = new ArrayList<>(frames.subList(0, 3));
    garbage.add(ByteBuffer.wrap(new byte[] {0, 0, 0, 9, 1}));
    assertThatThrownBy(() -> codec.messages(garbage)).isInstanceOf(BadMessageException.class);
    List<ByteBuffer> noSignature = new ArrayList<>(frames.subList(0, 2));
    noSignature.add(ByteBuffer.wrap(new byte[0]));
    noSignature.add(frames.get(3).duplicate());
    assertThatThrownBy(() -> codec.messages(noSignature)).hasMessage("bad batch signature");
  }

  /** The batch's signature covers the split, each message's own covers its content: one bad message is dropped alone. */
  @Test
  void aBadMessageInASoundBatchIsRefusedAloneAndTheOthersArrive() throws Exception {
    List<List<ByteBuffer>> enc = encoded(List.of(small(0), small(1), small(2)));
    List<ByteBuffer> middle = new ArrayList<>(enc.get(1));
    byte[] packed = Frames.bytes(middle.get(2)).clone();
    packed[packed.length - 2] ^= 1;
    middle.set(2, ByteBuffer.wrap(packed));
    enc.set(1, middle);
    List<List<ByteBuffer>> got = codec.messages(codec.batches(List.of(PEER), enc).get(0).frames());
    assertThat(got).hasSize(3);
    assertThat(codec.verify(got.get(0)).metadata().get("i").asInt()).isEqualTo(0);
    assertThatThrownBy(() -> codec.verify(got.get(1))).isInstanceOf(BadMessageException.class);
    assertThat(codec.verify(got.get(2)).metadata().get("i").asInt()).isEqualTo(2);
  }

  @Test
  void aReplayedBatchDeliversNothingTwice() throws Exception {
    WireCodec guarded = new WireCodec(Signer.of("secret"), new ReplayGuard());
    List<List<ByteBuffer>> enc = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      enc.add(guarded.encode(small(i)));
    }
    List<ByteBuffer> frames = guarded.batches(List.of(PEER), enc).get(0).frames();
    assertThat(receive(guarded, copy(frames))).hasSize(3);
    for (List<ByteBuffer> m : guarded.messages(copy(frames))) {
      assertThatThrownBy(() -> guarded.verify(m)).hasMessageContaining("replayed");
    }
    // nor can a message of it come back alone
    assertThatThrownBy(() -> guarded.verify(copy(enc.get(1)))).hasMessageContaining("replayed");
  }

  @Test
  void aBatchInsideABatchIsRefused() throws Exception {
    List<ByteBuffer> inner = codec.batches(List.of(), encoded(List.of(small(0), small(1)))).get(0).frames();
    List<List<ByteBuffer>> outer = new ArrayList<>();
    outer.add(inner);
    outer.add(codec.encode(small(2)));
    List<ByteBuffer> frames = codec.batches(List.of(PEER), outer).get(0).frames();
    List<List<ByteBuffer>> got = codec.messages(frames);
    assertThat(got).hasSize(2);
    assertThatThrownBy(() -> codec.verify(got.get(0))).isInstanceOf(BadMessageException.class);
    assertThat(codec.verify(got.get(1)).metadata().get("i").asInt()).isEqualTo(2);
  }

  @Test
  void aJupyterCodecNeverBatches() throws Exception {
    WireCodec jupyter = WireCodec.jupyter(Signer.of("secret"), new ReplayGuard());
    List<List<ByteBuffer>> enc = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      enc.add(jupyter.encode(small(i)));
    }
    assertThat(jupyter.batches(List.of(PEER), enc)).extracting(WireCodec.Batched::messages).containsExactly(1, 1, 1);
  }
}
