package io.jparallel.kernel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final MessageSigner signer = MessageSigner.of("hmac-sha256", "secret-key");
  private final WireCodec codec = new WireCodec(signer, new ReplayGuard());
  private final Headers headers = new Headers();

  private List<byte[]> request(String type) {
    JsonObject content = new JsonObject();
    content.addProperty("code", "1 + 1");
    WireMessage m = new WireMessage(List.of("client-id".getBytes(StandardCharsets.UTF_8)), headers.header(type),
        new JsonObject(), new JsonObject(), content, List.of());
    return new ArrayList<>(codec.encode(m));
  }

  @Test
  void roundTripsAndKeepsIdentities() throws Exception {
    WireMessage m = codec.decode(request("execute_request"));
    assertThat(m.msgType()).isEqualTo("execute_request");
    assertThat(new String(m.identities().get(0), StandardCharsets.UTF_8)).isEqualTo("client-id");
    assertThat(m.content().get("code").getAsString()).isEqualTo("1 + 1");
  }

  @Test
  void signatureIsHexHmacSha256OfTheFourJsonFrames() {
    // RFC 4231 test case 2
    MessageSigner rfc = MessageSigner.of("hmac-sha256", "Jefe");
    byte[] sig = rfc.sign(List.of("what do ya want ".getBytes(StandardCharsets.US_ASCII),
        "for nothing?".getBytes(StandardCharsets.US_ASCII)));
    assertThat(new String(sig, StandardCharsets.US_ASCII))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void rejectsForgedSignature() {
    List<byte[]> frames = request("execute_request");
    frames.set(2, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> codec.decode(frames)).isInstanceOf(InvalidMessageException.class).hasMessageContaining("signature");
  }

  @Test
  void rejectsTamperedContent() {
    List<byte[]> frames = request("execute_request");
    frames.set(frames.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
  }

  @Test
  void rejectsUpperCaseOrEmptySignature() {
    List<byte[]> frames = request("execute_request");
    frames.set(2, new String(frames.get(2), StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
    frames.set(2, new byte[0]);
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
  }

  @Test
  void rejectsTruncatedAndGarbage() {
    List<byte[]> frames = request("execute_request");
    assertThatThrownBy(() -> codec.decode(frames.subList(0, 5))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> codec.decode(List.of("garbage".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("delimiter");
    assertThatThrownBy(() -> codec.decode(List.of())).hasMessageContaining("delimiter");
  }

  @Test
  void rejectsSignedNonJsonAndHeadersWithoutType() {
    List<byte[]> parts = List.of("not json".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    List<byte[]> frames = new ArrayList<>(List.of(WireCodec.DELIMITER, signer.sign(parts)));
    frames.addAll(parts);
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("header is not JSON");

    List<byte[]> noType = List.of("{\"msg_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8));
    List<byte[]> frames2 = new ArrayList<>(List.of(WireCodec.DELIMITER, signer.sign(noType)));
    frames2.addAll(noType);
    assertThatThrownBy(() -> codec.decode(frames2)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void rejectsInvalidUtf8() {
    List<byte[]> parts = List.of(new byte[] {(byte) 0xff, (byte) 0xfe}, "{}".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    List<byte[]> frames = new ArrayList<>(List.of(WireCodec.DELIMITER, signer.sign(parts)));
    frames.addAll(parts);
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("UTF-8");
  }

  @Test
  void rejectsReplayButNotAReusedIdWithNewContent() throws Exception {
    List<byte[]> frames = request("kernel_info_request");
    codec.decode(frames);
    assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("replayed");

    // jupyter_client's cloned sessions reuse msg_ids; a different signed message with the same id is not a replay
    JsonObject h = headers.header("kernel_info_request");
    h.addProperty("msg_id", "same-id");
    WireMessage a = new WireMessage(List.of(), h, new JsonObject(), new JsonObject(), new JsonObject(), List.of());
    codec.decode(codec.encode(a));
    JsonObject h2 = h.deepCopy();
    h2.addProperty("date", "2030-01-01T00:00:00Z");
    codec.decode(codec.encode(new WireMessage(List.of(), h2, new JsonObject(), new JsonObject(), new JsonObject(), List.of())));
  }

  @Test
  void emptyKeyMeansUnsigned() throws Exception {
    WireCodec open = new WireCodec(MessageSigner.of("hmac-sha256", ""), new ReplayGuard());
    List<byte[]> frames = open.encode(new WireMessage(List.of(), headers.header("kernel_info_request"), new JsonObject(),
        new JsonObject(), new JsonObject(), List.of()));
    assertThat(frames.get(1)).isEmpty();
    assertThat(open.decode(frames).msgType()).isEqualTo("kernel_info_request");
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
