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

  /** The streaming header reader and writer agree with the data binding they replace. */
  @Test
  void headersRoundTripAndBadOnesSayWhy() throws Exception {
    Header h = new Header("id_1", MsgType.APPLY_REQUEST, "s", "ü-user", "2026-01-01T00:00:00.000001Z", "5.3");
    assertThat(Json.header(Json.bytes(h))).isEqualTo(h);
    assertThat(Json.header(Json.bytes((Object) h))).isEqualTo(h);
    assertThat(Json.header("{\"msg_id\":7,\"x\":{\"y\":[1]},\"msg_type\":\"t\",\"date\":null}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Header("7", "t", null, null, null, null));
    assertThatThrownBy(() -> Json.header("nope".getBytes(StandardCharsets.UTF_8))).hasMessage("not JSON");
    assertThatThrownBy(() -> Json.header("[1]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Json.header(new byte[] {'{', '"', (byte) 0xff, '"', '}'})).hasMessage("not UTF-8");
  }

  /** The controller's additions to a reply are signed anew: the receiver verifies them, raw frames untouched. */
  @Test
  void replacedMetadataIsSignedAnew() throws Exception {
    Envelope env = codec.verify(codec.encode(sample().withIds(List.of("peer".getBytes(StandardCharsets.UTF_8)))));
    ObjectNode meta = env.metadata().deepCopy().put(TaskTimes.CONTROLLER_IN, 42L);
    Envelope resigned = codec.withMetadata(env, meta);
    Message m = codec.decode(resigned.frames(List.of()));
    assertThat(m.metadata().get(TaskTimes.CONTROLLER_IN).asLong()).isEqualTo(42L);
    assertThat(m.metadata().get("retries").asInt()).isEqualTo(2);
    assertThat(m.raw()).hasSize(1);
    List<ByteBuffer> tampered = new ArrayList<>(resigned.jupyterFrames(List.of()));
    tampered.set(3, ByteBuffer.wrap("{\"controller_in_us\":43}".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> codec.verify(tampered)).isInstanceOf(BadMessageException.class);
  }

  /**
   * jparallel's sockets send header, parent, metadata, content and small signed buffers in one
   * frame; both layouts decode to the same message, a tampered packed frame fails its signature,
   * and a malformed one is refused before anything is parsed.
   */
  @Test
  void packedAndJupyterLayoutsCarryTheSameSignedMessage() throws Exception {
    PayloadWriter w = new PayloadWriter();
    ObjectNode content = Json.object();
    content.set("small", w.write(List.of(1, 2)));
    content.set("text", w.write(new String(new char[1_000]).replace('\0', 'x')));
    content.set("bytes", w.write(new byte[300_000])); // raw
    content.set("list", w.write(new ArrayList<>(java.util.Collections.nCopies(20_000, "y")))); // a signed buffer over 64 KiB
    Message sent = session.message(MsgType.APPLY_REQUEST, Json.object().put("k", 1), content, w.buffers(), w.raw());
    List<ByteBuffer> packed = codec.encode(sent);
    assertThat(Frames.bytes(packed.get(0))).isEqualTo(PackedFrames.DELIMITER);
    assertThat(packed).hasSize(5); // delimiter, signature, packed (JSON + the small buffer), the large buffer, raw
    Envelope viaPacked = codec.verify(packed);
    Envelope viaJupyter = codec.verify(viaPacked.jupyterFrames(List.of()));
    Envelope forwarded = codec.verify(viaPacked.frames(List.of("e".getBytes(StandardCharsets.UTF_8))));
    for (Envelope e : List.of(viaPacked, viaJupyter, forwarded)) {
      Message m = e.message();
      PayloadReader r = new PayloadReader(m.buffers(), m.raw(), getClass().getClassLoader());
      assertThat(r.read(m.content().get("small"))).isEqualTo(List.of(1, 2));
      assertThat(((List<?>) r.read(m.content().get("list")))).hasSize(20_000);
      assertThat((byte[]) r.read(m.content().get("bytes"))).hasSize(300_000);
      assertThat(m.metadata().get("k").asInt()).isEqualTo(1);
    }
    assertThat(new String(forwarded.ids().get(0), StandardCharsets.UTF_8)).isEqualTo("e");
    List<ByteBuffer> tampered = new ArrayList<>(codec.encode(sent));
    byte[] p = Frames.bytes(tampered.get(2)).clone();
    p[p.length - 1] ^= 1;
    tampered.set(2, ByteBuffer.wrap(p));
    assertThatThrownBy(() -> codec.verify(tampered)).hasMessage("bad signature");
    for (byte[] bad : new byte[][] {{0, 0, 0, 3}, {0x7f, 0, 0, 0, 0}, {0, 0, 0, 4, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}) {
      List<ByteBuffer> frames = new ArrayList<>(codec.encode(sent));
      frames.set(2, ByteBuffer.wrap(bad));
      assertThatThrownBy(() -> codec.verify(frames)).hasMessage("malformed packed frame");
    }
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
  void rejectsWrongKeyGarbageAndTruncation() throws Exception {
    List<ByteBuffer> frames = new WireCodec(Signer.of("other")).encode(sample());
    assertThatThrownBy(() -> codec.verify(frames)).hasMessageContaining("bad signature");
    assertThatThrownBy(() -> codec.verify(Frames.of("junk".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("delimiter");
    List<ByteBuffer> good = codec.encode(sample());
    assertThatThrownBy(() -> codec.verify(good.subList(0, 2))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> codec.verify(good.subList(0, good.size() - 1))).hasMessageContaining("malformed signature");
    List<ByteBuffer> classic = codec.verify(codec.encode(sample())).jupyterFrames(List.of());
    assertThatThrownBy(() -> codec.verify(classic.subList(0, 4))).hasMessageContaining("truncated");
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
