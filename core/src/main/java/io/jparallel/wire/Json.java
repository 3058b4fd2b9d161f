package io.jparallel.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one shared Jackson mapper (thread-safe once configured). */
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

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  public static ObjectNode objectOf(byte[] json) throws IOException {
    JsonNode node = MAPPER.readTree(json);
    if (node == null || node.isMissingNode() || node.isNull()) {
      return object();
    }
    if (!(node instanceof ObjectNode o)) {
      throw new IOException("expected a JSON object");
    }
    return o;
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  public static ObjectNode toObject(Object value) {
    return MAPPER.valueToTree(value);
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
}
