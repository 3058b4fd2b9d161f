package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader of small objects reads what Jackson reads, to the same tree, or leaves it to Jackson. */
class FlatJsonTest {
  private static final String REPLY_METADATA = "{\"engine_id\":2,\"started\":\"2026-12-04T19:00:00.123456Z\","
      + "\"run_us\":14,\"engine_in_us\":1733337000123500,\"status\":\"ok\",\"restarting\":false,\"x\":null}";
  private static final String CONTENT = "{\"fn\":{\"s\":0},\"fn_hash\":\"3f2a\",\"args\":[{\"t\":\"obj\",\"s\":1},-7,[]],"
      + "\"classes\":[],\"deep\":{\"a\":{\"b\":[true,{\"c\":\"\"}]}}}";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static JsonNode jackson(byte[] b) throws Exception {
    return Json.MAPPER.readTree(b);
  }

  @Test
  void readsTheTreeJacksonReads() throws Exception {
    for (String s : List.of(REPLY_METADATA, CONTENT, "{}", "{\"a\":[]}", "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483648,"
        + "\"d\":-2147483649,\"e\":0,\"f\":999999999999999999}", "{\"a\":1,\"b\":2,\"a\":3}")) {
      byte[] b = ascii(s);
      JsonNode fast = FlatJson.read(b, 0, b.length);
      assertThat(fast).as(s).isNotNull().isEqualTo(jackson(b));
      assertThat(fast.toString()).isEqualTo(jackson(b).toString()); // same order, same number types
    }
  }

  /** Written as Jackson's generator writes it, byte for byte, or left to Jackson. */
  @Test
  void writesWhatJacksonWrites() throws Exception {
    for (String s : List.of(REPLY_METADATA, CONTENT, "{}", "{\"a\":[]}", "{\"a\":-9223372036854775808,\"b\":9223372036854775807,"
        + "\"c\":-1,\"d\":0,\"e\":[1,[2,{}]]}")) {
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) jackson(ascii(s));
      assertThat(FlatJson.write(tree)).as(s).isEqualTo(Json.MAPPER.writeValueAsBytes(tree));
    }
    var built = Json.object().put("long", Long.MIN_VALUE).put("int", 7).put("t", true).putNull("n");
    built.putArray("a").add("x").add(2L);
    assertThat(new String(FlatJson.write(built), StandardCharsets.US_ASCII))
        .isEqualTo(Json.MAPPER.writeValueAsString(built));
    for (var odd : List.of(Json.object().put("d", 1.5), Json.object().put("s", "tab\t"), Json.object().put("s", "\u00e9"),
        Json.object().put("k\"", 1), Json.object().put("b", new byte[] {1}), Json.object().put("big",
            java.math.BigInteger.TEN), Json.object().put("f", 1.5f), Json.object().put("sh", (short) 3))) {
      assertThat(FlatJson.write(odd)).as(odd.toString()).isNull();
      assertThat(Json.bytes(odd)).isEqualTo(Json.MAPPER.writeValueAsBytes(odd)); // Jackson's, through the one helper
    }
  }

  @Test
  void leavesEverythingElseToJackson() {
    for (String s : List.of("", "{", "[]", "{ }", "{\"a\": 1}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01}", "{\"a\":-0}",
        "{\"a\":-}", "{\"a\":\"\\n\"}", "{\"a\":\"\u00e9\"}", "{\"a\":1}x", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":tru}",
        "{\"a\":nullx}", "{\"a\":1234567890123456789}", "{a:1}", "{\"a\":1 }", "{\"a\"1}", "{\"a\":\"x}")) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      assertThat(FlatJson.read(b, 0, b.length)).as(s).isNull();
    }
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < FlatJson.MAX_DEPTH + 1; i++) {
      deep.append("{\"a\":");
    }
    deep.append("1").append("}".repeat(FlatJson.MAX_DEPTH + 1));
    byte[] b = ascii(deep.toString());
    assertThat(FlatJson.read(b, 0, b.length)).isNull();
  }

  /** Random mutations of real objects: whatever it still reads, Jackson reads to the same tree. */
  @Test
  void whateverItReadsJacksonReadsTheSame() throws Exception {
    Random random = new Random(11);
    byte[] alphabet = ascii("{}[]\":,\\ -0123456789.eEtruefalsn_x");
    int accepted = 0;
    for (String base : List.of(REPLY_METADATA, CONTENT)) {
      byte[] original = ascii(base);
      for (int i = 0; i < 20_000; i++) {
        byte[] b = original.clone();
        for (int k = 0; k <= random.nextInt(3); k++) {
          b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
        }
        // inside a larger array, as a packed frame's part
        byte[] framed = new byte[b.length + 6];
        System.arraycopy(b, 0, framed, 2, b.length);
        framed[1] = '{';
        framed[2 + b.length] = '}';
        JsonNode fast = FlatJson.read(framed, 2, b.length);
        if (fast != null) {
          accepted++;
          assertThat(fast.toString()).as(new String(b, StandardCharsets.US_ASCII)).isEqualTo(jackson(b).toString());
          assertThat(fast).isEqualTo(jackson(b));
          assertThat(FlatJson.write((com.fasterxml.jackson.databind.node.ObjectNode) fast))
              .isEqualTo(Json.MAPPER.writeValueAsBytes(jackson(b))); // b itself but for a repeated key
        }
      }
    }
    assertThat(accepted).as("mutations it still reads").isGreaterThan(2000);
  }
}
