package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The header fast path writes Jackson's bytes and reads what Jackson reads, or steps aside. */
class FlatHeaderTest {
  private static final Header PLAIN = new Header("3f2a-11", "apply_request", "client-1", "ana",
      "2026-12-03T17:00:00.123456Z", Header.PROTOCOL_VERSION);

  private static byte[] jackson(Header h) throws Exception {
    return Json.MAPPER.writeValueAsBytes(h);
  }

  @Test
  void writesTheBytesJacksonWrites() throws Exception {
    List<Header> headers = List.of(PLAIN, new Header("a", "b", null, null, null, null),
        new Header(null, null, null, null, null, null), new Header("", "t", "s p a c e", "~!#$%&'()*+,-./:;<=>?@[]^_`{|}", "d", "v"));
    for (Header h : headers) {
      assertThat(FlatHeader.write(h)).as(h.toString()).isEqualTo(jackson(h));
      assertThat(Json.bytes(h)).isEqualTo(jackson(h));
    }
    for (String odd : List.of("quote\"", "back\\slash", "tab\t", "new\nline", "é", "\u0000", "\u007f")) {
      Header h = new Header(odd, "t", null, null, null, null);
      assertThat(FlatHeader.write(h)).as("left to Jackson: " + odd).isNull();
      assertThat(Json.bytes(h)).isEqualTo(jackson(h));
      assertThat(Json.header(Json.bytes(h))).isEqualTo(h);
    }
  }

  @Test
  void readsWhatJacksonReadsOrStepsAside() throws Exception {
    assertThat(FlatHeader.read(jackson(PLAIN))).isEqualTo(PLAIN);
    assertThat(FlatHeader.read(ascii("{}"))).isEqualTo(new Header(null, null, null, null, null, null));
    assertThat(FlatHeader.read(ascii("{\"extra\":\"x\",\"msg_id\":\"a\",\"msg_id\":\"b\"}")))
        .as("unknown fields skipped, the last of a repeated one wins, as Jackson").isEqualTo(
            new Header("b", null, null, null, null, null));
    for (String other : List.of("{ \"msg_id\":\"a\"}", "{\"msg_id\":1}", "{\"msg_id\":null}", "{\"msg_id\":\"a\\\"\"}",
        "{\"msg_id\":\"a\",}", "{\"msg_id\":\"a\"}x", "{\"msg_id\":\"a\"", "{\"msg_id\":{}}", "[]", "{", "",
        "{\"msg_id\":\"a\"\"b\":\"c\"}", "{\"msg_id\"\"a\"}")) {
      assertThat(FlatHeader.read(ascii(other))).as(other).isNull();
    }
    // whatever it reads, Jackson reads the same: random mutations of a real header
    Random random = new Random(7);
    byte[] base = jackson(PLAIN);
    byte[] alphabet = ascii("{}\":,\\ a1_-.nul");
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = base.clone();
      for (int k = 0; k <= random.nextInt(3); k++) {
        b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      Header fast = FlatHeader.read(b);
      // the same bytes inside a larger array (a packed frame's part), and the msg_id alone
      byte[] framed = new byte[b.length + 7];
      System.arraycopy(b, 0, framed, 3, b.length);
      framed[2] = '{';
      framed[3 + b.length] = '}';
      assertThat(FlatHeader.read(framed, 3, b.length)).isEqualTo(fast);
      String[] id = new String[1];
      assertThat(FlatHeader.readMsgId(framed, 3, b.length, id)).isEqualTo(fast != null);
      if (fast != null) {
        accepted++;
        assertThat(fast).as(new String(b, StandardCharsets.US_ASCII)).isEqualTo(slow(b));
        assertThat(id[0]).isEqualTo(fast.msgId());
      }
    }
    assertThat(accepted).as("mutations it still reads").isGreaterThan(1000);
  }

  private static Header slow(byte[] json) throws Exception {
    return Json.MAPPER.readValue(json, Header.class);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void messagesRoundTripThroughTheCodec() throws Exception {
    WireCodec codec = new WireCodec(Signer.of("k"));
    MessageFactory f = new MessageFactory("client");
    List<Message> ms = new ArrayList<>();
    ms.add(f.message("apply_request", Json.object(), Json.object().put("x", 1), List.of(), List.of()));
    Envelope env = codec.verify(codec.encode(ms.get(0).withIds(List.of(new byte[] {1}))));
    assertThat(env.header()).isEqualTo(ms.get(0).header());
  }
}
