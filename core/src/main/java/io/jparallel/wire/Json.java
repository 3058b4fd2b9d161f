package io.jparallel.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON helper: the shared Jackson mapper (thread-safe once configured), strict
 * reading of wire frames (UTF-8 only, as Jupyter requires), and reading request fields
 * with defaults.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /**
   * A JSON object from UTF-8 bytes; empty for empty input. The exception's message says
   * what is wrong: {@code not UTF-8}, {@code not JSON} or {@code not a JSON object}.
   */
  public static ObjectNode objectOf(byte[] json) throws IOException {
    JsonNode node;
    try {
      node = isPlainAscii(json) ? MAPPER.readTree(json) : MAPPER.readTree(utf8(json));
    } catch (JsonParseException e) {
      throw new IOException("not JSON", e);
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return object();
    }
    if (!(node instanceof ObjectNode o)) {
      throw new IOException("not a JSON object");
    }
    return o;
  }

  /** A value of {@code type} from UTF-8 JSON bytes; messages as {@link #objectOf}'s. */
  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    try {
      return isPlainAscii(json) ? MAPPER.readValue(json, type) : MAPPER.readValue(utf8(json), type);
    } catch (JsonParseException e) {
      throw new IOException("not JSON", e);
    } catch (JsonProcessingException e) {
      throw new IOException("not a JSON object of the expected fields", e);
    }
  }

  /**
   * No NUL and no byte above 0x7f: Jackson reads it as UTF-8 for sure (it guesses UTF-16 or
   * UTF-32 from NULs or a byte-order mark, so anything else is decoded strictly first).
   */
  private static boolean isPlainAscii(byte[] json) {
    for (byte b : json) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  private static String utf8(byte[] json) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("not UTF-8", e);
    }
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  /**
   * A number read off the wire, kept within {@code [min, max]}: {@code def} when the field is
   * missing or not an integer, the nearest bound when it is out of range.
   */
  public static long longIn(JsonNode node, String field, long def, long min, long max) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isIntegralNumber()) {
      return def;
    }
    if (!v.canConvertToLong()) {
      return v.bigIntegerValue().signum() < 0 ? min : max;
    }
    return Math.max(min, Math.min(max, v.asLong()));
  }

  /** As {@link #longIn} for an int. */
  public static int intIn(JsonNode node, String field, int def, int min, int max) {
    return (int) longIn(node, field, def, min, max);
  }

  /** {@code o.key} if it is a string, else {@code dflt}. */
  public static String text(JsonNode o, String key, String dflt) {
    JsonNode v = o.get(key);
    return v != null && v.isTextual() ? v.asText() : dflt;
  }

  /** {@code o.key} if it is a boolean, else {@code dflt}. */
  public static boolean bool(JsonNode o, String key, boolean dflt) {
    JsonNode v = o.get(key);
    return v != null && v.isBoolean() ? v.asBoolean() : dflt;
  }

  /** {@code o.key} if it is a number that fits an int (fractions truncated), else {@code dflt}. */
  public static int integer(JsonNode o, String key, int dflt) {
    JsonNode v = o.get(key);
    return v != null && v.isNumber() && v.canConvertToInt() ? v.asInt() : dflt;
  }

  /** {@code o.key} if it is an object, else a new empty one. */
  public static ObjectNode object(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v instanceof ObjectNode obj ? obj : object();
  }
}
