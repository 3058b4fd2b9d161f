package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.serialize.PayloadReader;
import io.jparallel.serialize.PayloadWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final WireCodec codec = new WireCodec(Signer.of("secret"));
  private final MessageFactory session = new MessageFactory("test");

  private Message sample() {
    PayloadWriter w = new PayloadWriter();
    ObjectNode content = Json.object();
    content.set("a", w.write(List.of(1, 2, 3)));
    content.set("b", w.write(new double[] {1.5, Double.NaN, -0.0}));
    content.set("c", w.write("hello"));
    return session.message(MsgType.APPLY_REQUEST, Json.object().put("retries", 2), content, w.buffers(), w.raw());
  }

  @Test
  void roundTripsSignedAndRawBuffers() throws Exception {
    List<ByteBuffer> frames = codec.encode(sample().withIds(List.of("peer".getBytes(StandardCharsets.UTF_8))));
    Message m = codec.decode(frames);
    assertThat(new String(m.ids().get(0), StandardCharsets.UTF_8)).isEqualTo("peer");
    assertThat(m.type()).isEqualTo(MsgType.APPLY_REQUEST);
    assertThat(m.metadata().get("retries").asInt()).isEqualTo(2);
    assertThat(m.rawBuffers()).isEqualTo(1);
    PayloadReader r = new PayloadReader(m.buffers(), m.raw(), getClass().getClassLoader());
    assertThat(r.read(m.content().get("a"))).isEqualTo(List.of(1, 2, 3));
    double[] d = (double[]) r.read(m.content().get("b"));
    assertThat(Double.doubleToRawLongBits(d[1])).isEqualTo(Double.doubleToRawLongBits(Double.NaN));
    assertThat(Double.doubleToRawLongBits(d[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(r.read(m.content().get("c"))).isEqualTo("hello");
  }

  @Test
  void rejectsTamperedFramesWithoutParsing() {
    List<ByteBuffer> frames = codec.encode(sample());
    for (int i = 2; i < frames.size() - 1; i++) { // every signed frame; the last one is raw
      List<ByteBuffer> bad = new ArrayList<>(frames);
      byte[] f = Frames.bytes(bad.get(i)).clone();
      f[f.length / 2] ^= 1;
      bad.set(i, ByteBuffer.wrap(f));
      assertThatThrownBy(() -> codec.verify(bad)).isInstanceOf(BadMessageException.class);
    }
  }

  @Test
  void rejectsWrongKeyGarbageAndTruncation() {
    List<ByteBuffer> frames = new WireCodec(Signer.of("other")).encode(sample());
    assertThatThrownBy(() -> codec.verify(frames)).hasMessageContaining("bad signature");
    assertThatThrownBy(() -> codec.verify(Frames.of("junk".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("delimiter");
    List<ByteBuffer> good = codec.encode(sample());
    assertThatThrownBy(() -> codec.verify(good.subList(0, 4))).hasMessageContaining("truncated");
  }

  @Test
  void rawCountCannotBeRaisedToUnsignSignedBuffers() {
    List<ByteBuffer> frames = new ArrayList<>(codec.encode(sample()));
    String sig = new String(Frames.bytes(frames.get(1)), StandardCharsets.US_ASCII);
    frames.set(1, ByteBuffer.wrap((sig.substring(0, 64) + ":2").getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> codec.verify(frames)).isInstanceOf(BadMessageException.class);
  }

  @Test
  void withAReplayGuardAMessageIsAcceptedOnce() throws Exception {
    WireCodec guarded = new WireCodec(Signer.of("secret"), new ReplayGuard());
    List<ByteBuffer> frames = guarded.encode(sample());
    guarded.verify(frames);
    assertThatThrownBy(() -> guarded.verify(frames)).hasMessageContaining("replayed");
    guarded.verify(guarded.encode(sample())); // the same content in a new message is not a replay
  }

  @Test
  void refusesToDeserializeFromRawBuffer() throws Exception {
    Message m = codec.decode(codec.encode(sample()));
    PayloadReader r = new PayloadReader(m.buffers(), m.raw(), null);
    assertThatThrownBy(() -> r.read(Json.object().put("t", "java").put("s", 1)))
        .hasMessageContaining("signed buffer 1 missing");
  }

  record Item(int n) implements java.io.Serializable {}

  @Test
  void recordsTheNonJdkClassesOfSerializedValues() {
    PayloadWriter w = new PayloadWriter();
    w.write(new double[] {1});
    w.write("text");
    assertThat(w.serializedClasses()).isEmpty();
    w.write(new java.util.ArrayList<>(List.of(new Item[] {new Item(1)}, new Item(2))));
    assertThat(w.serializedClasses()).containsExactly(Item.class);
  }

  @Test
  void largeArraysOfAPooledWriterTravelInPooledBuffersAndComeBackBitForBit() throws Exception {
    PayloadWriter w = PayloadWriter.pooled();
    double[] big = new double[1 << 19];
    for (int i = 0; i < big.length; i++) {
      big[i] = Math.sin(i);
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(3_000_000);
    direct.put(5, (byte) 7);
    ObjectNode content = Json.object();
    content.set("a", w.write(big));
    content.set("b", w.write(new byte[] {1, 2, 3}));
    content.set("c", w.write(direct));
    List<ByteBuffer> frames = codec.encode(session.message(MsgType.APPLY_REQUEST, Json.object(), content, w.buffers(), w.raw()));
    assertThat(frames.get(frames.size() - 3).isDirect()).isTrue();
    assertThat(frames.get(frames.size() - 2).isDirect()).isFalse();
    assertThat(frames.get(frames.size() - 1).isDirect()).isTrue();
    Message m = codec.decode(frames);
    assertThat(m.rawBuffers()).isEqualTo(3);
    PayloadReader r = new PayloadReader(m.buffers(), m.raw(), null);
    assertThat((double[]) r.read(m.content().get("a"))).isEqualTo(big);
    assertThat((byte[]) r.read(m.content().get("b"))).containsExactly(1, 2, 3);
    ByteBuffer c = (ByteBuffer) r.read(m.content().get("c"));
    assertThat(c.remaining()).isEqualTo(3_000_000);
    assertThat(c.get(5)).isEqualTo((byte) 7);
    assertThat(c.isDirect()).as("a copy: the pooled frame is recycled").isFalse();
    BufferPool.shared().releaseAll(m.raw());
  }

  @Test
  void namesTheTypeThatCannotBeSent() {
    assertThatThrownBy(() -> new PayloadWriter().write(new Object(), "argument 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of type java.lang.Object");
  }
}
