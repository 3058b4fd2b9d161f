package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec as a Jupyter kernel uses it: the four JSON parts signed, empty key = unsigned, replays refused. */
class JupyterWireTest {
  private final Signer signer = Signer.forJupyter("hmac-sha256", "secret-key");
  private final WireCodec codec = WireCodec.jupyter(signer, new ReplayGuard());
  private final MessageFactory messages = new MessageFactory("kernel");

  private List<ByteBuffer> request(String type) {
    Message m = messages.message(type, Json.object().put("code", "1 + 1"))
        .withIds(List.of("client-id".getBytes(StandardCharsets.UTF_8)));
    return new ArrayList<>(codec.encode(m));
  }

  private static List<ByteBuffer> frames(byte[]... frames) {
    return new ArrayList<>(Frames.of(frames));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<ByteBuffer> signedParts(List<byte[]> parts) {
    List<ByteBuffer> out = frames(WireCodec.DELIMITER, signer.copy().sign(parts, 0));
    out.addAll(Frames.of(parts.toArray(new byte[0][])));
    return out;
  }

  @Test
  void roundTripsAndKeepsIdentities() throws Exception {
    Message m = codec.decode(request("execute_request"));
    assertThat(m.type()).isEqualTo("execute_request");
    assertThat(new String(m.ids().get(0), StandardCharsets.UTF_8)).isEqualTo("client-id");
    assertThat(m.content().get("code").asText()).isEqualTo("1 + 1");
  }

  @Test
  void signatureIsHexHmacSha256OfTheFourJsonFrames() {
    // RFC 4231 test case 2
    Signer rfc = Signer.forJupyter("hmac-sha256", "Jefe");
    byte[] sig = rfc.sign(List.of("what do ya want ".getBytes(StandardCharsets.US_ASCII),
        "for nothing?".getBytes(StandardCharsets.US_ASCII)), 0);
    assertThat(new String(sig, StandardCharsets.US_ASCII))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void buffersAreNotSignedAsInJupyter() throws Exception {
    List<byte[]> parts = List.of(Json.bytes(messages.header("comm_msg")), utf8("{}"), utf8("{}"), utf8("{}"));
    List<ByteBuffer> frames = signedParts(parts);
    frames.add(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    Message m = codec.decode(frames);
    assertThat(m.type()).isEqualTo("comm_msg");
    assertThat(m.rawBuffers()).isEqualTo(1);
  }

  @Test
  void rejectsForgedSignature() {
    List<ByteBuffer> frames = request("execute_request");
    frames.set(2, ByteBuffer.wrap("0".repeat(64).getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> codec.decode(frames)).isInstanceOf(BadMessageException.class).hasMessageContaining("signature");
  }

  @Test
  void rejectsTamperedContent() {
    List<ByteBuffer> frames = request("execute_request");
    frames.set(frames.size() - 1, ByteBuffer.wrap(utf8("{\"code\":\"System.exit(0)\"}")));
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
  }

  @Test
  void rejectsUpperCaseOrEmptySignature() {
    List<ByteBuffer> frames = request("execute_request");
    String sig = new String(Frames.bytes(frames.get(2)), StandardCharsets.US_ASCII);
    frames.set(2, ByteBuffer.wrap(sig.toUpperCase().getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
    frames.set(2, ByteBuffer.wrap(new byte[0]));
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
  }

  @Test
  void rejectsTruncatedAndGarbage() {
    List<ByteBuffer> frames = request("execute_request");
    assertThatThrownBy(() -> codec.decode(frames.subList(0, 5))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> codec.decode(frames(utf8("garbage")))).hasMessageContaining("delimiter");
    assertThatThrownBy(() -> codec.decode(List.of())).hasMessageContaining("delimiter");
  }

  @Test
  void rejectsSignedNonJsonAndHeadersWithoutType() {
    List<byte[]> parts = List.of(utf8("not json"), utf8("{}"), utf8("{}"), utf8("{}"));
    assertThatThrownBy(() -> codec.decode(signedParts(parts))).hasMessageContaining("header is not JSON");

    List<byte[]> noType = List.of(utf8("{\"msg_id\":\"x\"}"), utf8("{}"), utf8("{}"), utf8("[]"));
    assertThatThrownBy(() -> codec.decode(signedParts(noType))).isInstanceOf(BadMessageException.class);
  }

  @Test
  void rejectsInvalidUtf8() {
    List<byte[]> parts = List.of(new byte[] {(byte) 0xff, (byte) 0xfe}, utf8("{}"), utf8("{}"), utf8("{}"));
    assertThatThrownBy(() -> codec.decode(signedParts(parts))).hasMessageContaining("UTF-8");
  }

  @Test
  void rejectsReplayButNotAReusedIdWithNewContent() throws Exception {
    List<ByteBuffer> frames = request("kernel_info_request");
    codec.decode(frames);
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("replayed");

    // jupyter_client's cloned sessions reuse msg_ids; a different signed message with the same id is not a replay
    Header h = messages.header("kernel_info_request");
    Header same = new Header("same-id", h.msgType(), h.session(), h.username(), h.date(), h.version());
    codec.decode(codec.encode(new Message(List.of(), same, null, Json.object(), Json.object(), List.of(), List.of())));
    Header later = new Header("same-id", h.msgType(), h.session(), h.username(), "2030-01-01T00:00:00Z", h.version());
    codec.decode(codec.encode(new Message(List.of(), later, null, Json.object(), Json.object(), List.of(), List.of())));
  }

  @Test
  void copiesShareTheReplayGuard() throws Exception {
    List<ByteBuffer> frames = request("kernel_info_request");
    codec.copy().decode(frames);
    assertThatThrownBy(() -> codec.copy().decode(frames)).hasMessageContaining("replayed");
  }

  @Test
  void emptyKeyMeansUnsigned() throws Exception {
    WireCodec open = WireCodec.jupyter(Signer.forJupyter("hmac-sha256", ""), new ReplayGuard());
    List<ByteBuffer> frames = open.encode(messages.message("kernel_info_request", Json.object()));
    assertThat(frames.get(1).remaining()).isZero();
    assertThat(open.decode(frames).type()).isEqualTo("kernel_info_request");
  }

  @Test
  void jparallelSocketsRefuseAnUnsignedCodec() {
    assertThatThrownBy(() -> new WireCodec(Signer.forJupyter("hmac-sha256", ""))).hasMessageContaining("key");
    assertThatThrownBy(() -> Signer.of("")).hasMessageContaining("key");
  }

  @Test
  void replayGuardForgetsOldestBeyondCapacity() {
    ReplayGuard g = new ReplayGuard(2);
    assertThat(g.firstSeen("a")).isTrue();
    assertThat(g.firstSeen("b")).isTrue();
    assertThat(g.firstSeen("a")).isFalse();
    assertThat(g.firstSeen("c")).isTrue();
    assertThat(g.firstSeen("a")).isTrue();
  }
}
