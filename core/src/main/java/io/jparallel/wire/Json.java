package io.jparallel.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
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
    if (value instanceof ObjectNode o) {
      byte[] flat = FlatJson.write(o); // the common case, without Jackson's generator
      if (flat != null) {
        return flat;
      }
    }
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
    return objectOf(json, 0, json.length);
  }

  /** As {@link #objectOf(byte[])} for the {@code length} bytes at {@code offset}. */
  public static ObjectNode objectOf(byte[] json, int offset, int length) throws IOException {
    ObjectNode flat = FlatJson.read(json, offset, length); // the common case, without Jackson's parser
    if (flat != null) {
      return flat;
    }
    JsonNode node;
    try {
      node = isPlainAscii(json, offset, length) ? MAPPER.readTree(json, offset, length)
          : MAPPER.readTree(utf8(json, offset, length));
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
      return isPlainAscii(json, 0, json.length) ? MAPPER.readValue(json, type)
          : MAPPER.readValue(utf8(json, 0, json.length), type);
    } catch (JsonParseException e) {
      throw new IOException("not JSON", e);
    } catch (JsonProcessingException e) {
      throw new IOException("not a JSON object of the expected fields", e);
    }
  }

  /**
   * A message header, read with Jackson's streaming parser (every message of every peer has
   * one, so no tree and no reflection); unknown fields are skipped, non-string values read as
   * text, as the data binding did. Messages as {@link #objectOf}'s.
   */
  public static Header header(byte[] json) throws IOException {
    return header(json, 0, json.length);
  }

  /** The msg_id of the header in the {@code length} bytes at {@code offset} (null when it has none); as {@link #header}. */
  public static String msgId(byte[] json, int offset, int length) throws IOException {
    if (isPlainAscii(json, offset, length)) {
      String[] id = new String[1];
      if (FlatHeader.readMsgId(json, offset, length, id)) {
        return id[0];
      }
    }
    return header(json, offset, length).msgId();
  }

  /** As {@link #header(byte[])} for the {@code length} bytes at {@code offset}. */
  public static Header header(byte[] json, int offset, int length) throws IOException {
    if (!isPlainAscii(json, offset, length)) {
      utf8(json, offset, length); // strictly UTF-8, or "not UTF-8"
    } else {
      Header flat = FlatHeader.read(json, offset, length);
      if (flat != null) {
        return flat;
      }
    }
    String msgId = null;
    String msgType = null;
    String session = null;
    String username = null;
    String date = null;
    String version = null;
    try (JsonParser p = MAPPER.getFactory().createParser(json, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object of the expected fields");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        String text = v == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        switch (name) {
          case "msg_id" -> msgId = text;
          case "msg_type" -> msgType = text;
          case "session" -> session = text;
          case "username" -> username = text;
          case "date" -> date = text;
          case "version" -> version = text;
          default -> { }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("not a JSON object of the expected fields");
      }
    } catch (JsonParseException e) {
      throw new IOException("not JSON", e);
    }
    return new Header(msgId, msgType, session, username, date, version);
  }

  /** A header's JSON bytes, written with the streaming generator (fields in the record's order, nulls left out). */
  public static byte[] bytes(Header h) {
    byte[] flat = FlatHeader.write(h);
    if (flat != null) {
      return flat;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      field(g, "msg_id", h.msgId());
      field(g, "msg_type", h.msgType());
      field(g, "session", h.session());
      field(g, "username", h.username());
      field(g, "date", h.date());
      field(g, "version", h.version());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void field(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /**
   * No NUL and no byte above 0x7f: Jackson reads it as UTF-8 for sure (it guesses UTF-16 or
   * UTF-32 from NULs or a byte-order mark, so anything else is decoded strictly first).
   */
  private static boolean isPlainAscii(byte[] json, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (json[i] <= 0) {
        return false;
      }
    }
    return true;
  }

  private static String utf8(byte[] json, int offset, int length) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json, offset, length)).toString();
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
