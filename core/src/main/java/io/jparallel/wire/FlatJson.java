package io.jparallel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The common case of a message's metadata or content, read into Jackson's tree without
 * Jackson's parser, and written from it without Jackson's generator ({@link #write}): JSON as Jackson's generator writes it (no whitespace), whose strings are
 * printable ASCII with nothing escaped and whose numbers are integers of at most 18 digits,
 * nested at most {@value #MAX_DEPTH} deep. Every peer reads two or three such objects per task,
 * most of a hundred bytes, and setting up Jackson's parser costs more than reading them. Anything
 * else (whitespace, an escape, a fraction, a byte beyond ASCII, trailing bytes, malformed JSON)
 * is left to Jackson ({@link #read} returns null), so what this reads Jackson reads to the same
 * tree: the same node types (an int where it fits, else a long), a repeated key's last value in
 * its first place.
 */
final class FlatJson {
  static final int MAX_DEPTH = 16;
  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
  /** Keys seen lately, so the same few names are not made anew for every message (racy, and harmless: Strings are immutable). */
  private static final String[] KEYS = new String[512];

  private final byte[] b;
  private final int end;
  private int at;

  private FlatJson(byte[] b, int at, int end) {
    this.b = b;
    this.at = at;
    this.end = end;
  }

  /** The object in the {@code length} bytes at {@code offset}, or null when Jackson must read them. */
  static ObjectNode read(byte[] json, int offset, int length) {
    FlatJson r = new FlatJson(json, offset, offset + length);
    ObjectNode o = r.object(0);
    return o != null && r.at == r.end ? o : null;
  }

  /**
   * The bytes Jackson's generator writes for {@code o}, or null when it holds anything this does
   * not write (a string or key with a character to escape or beyond ASCII, a fraction, a big or
   * small number type, binary or POJO nodes, nesting beyond {@value #MAX_DEPTH}).
   */
  static byte[] write(ObjectNode o) {
    int size = size(o, 0);
    if (size < 0) {
      return null;
    }
    byte[] out = new byte[size];
    int end = put(o, out, 0);
    assert end == size;
    return out;
  }

  /** The bytes {@link #put} writes for {@code n}, or -1 when it cannot. */
  private static int size(JsonNode n, int depth) {
    if (depth >= MAX_DEPTH) {
      return -1;
    }
    switch (n.getNodeType()) {
      case OBJECT -> {
        int size = 2 + Math.max(0, n.size() - 1); // braces, commas
        for (var e : n.properties()) {
          int k = plain(e.getKey());
          int v = size(e.getValue(), depth + 1);
          if (k < 0 || v < 0) {
            return -1;
          }
          size += k + 1 + v;
        }
        return size;
      }
      case ARRAY -> {
        int size = 2 + Math.max(0, n.size() - 1);
        for (int i = 0; i < n.size(); i++) {
          int v = size(n.get(i), depth + 1);
          if (v < 0) {
            return -1;
          }
          size += v;
        }
        return size;
      }
      case STRING -> {
        return plain(n.textValue());
      }
      case NUMBER -> {
        return n.isInt() || n.isLong() ? digits(n.longValue()) : -1;
      }
      case BOOLEAN -> {
        return n.booleanValue() ? 4 : 5;
      }
      case NULL -> {
        return 4;
      }
      default -> {
        return -1;
      }
    }
  }

  /** Writes {@code n} at {@code at}; returns where it ends. */
  private static int put(JsonNode n, byte[] out, int at) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        out[at++] = '{';
        boolean first = true;
        for (var e : n.properties()) {
          if (!first) {
            out[at++] = ',';
          }
          first = false;
          at = putString(e.getKey(), out, at);
          out[at++] = ':';
          at = put(e.getValue(), out, at);
        }
        out[at++] = '}';
        return at;
      }
      case ARRAY -> {
        out[at++] = '[';
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            out[at++] = ',';
          }
          at = put(n.get(i), out, at);
        }
        out[at++] = ']';
        return at;
      }
      case STRING -> {
        return putString(n.textValue(), out, at);
      }
      case NUMBER -> {
        String digits = Long.toString(n.longValue());
        for (int i = 0; i < digits.length(); i++) {
          out[at++] = (byte) digits.charAt(i);
        }
        return at;
      }
      case BOOLEAN -> {
        return putAscii(n.booleanValue() ? "true" : "false", out, at);
      }
      default -> {
        return putAscii("null", out, at);
      }
    }
  }

  private static int putString(String s, byte[] out, int at) {
    out[at++] = '"';
    at = putAscii(s, out, at);
    out[at++] = '"';
    return at;
  }

  private static int putAscii(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      out[at++] = (byte) s.charAt(i);
    }
    return at;
  }

  /** The quoted size of {@code s} if it is printable ASCII with nothing to escape, else -1. */
  private static int plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!FlatHeader.plain(s.charAt(i))) {
        return -1;
      }
    }
    return s.length() + 2;
  }

  private static int digits(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int n = v < 0 ? 2 : 1;
    for (long x = Math.abs(v); x >= 10; x /= 10) {
      n++;
    }
    return n;
  }

  private ObjectNode object(int depth) {
    if (depth >= MAX_DEPTH || at >= end || b[at] != '{') {
      return null;
    }
    at++;
    ObjectNode o = NODES.objectNode();
    if (at < end && b[at] == '}') {
      at++;
      return o;
    }
    while (true) {
      int keyStart = at + 1;
      int keyEnd = string();
      if (keyEnd < 0 || at >= end || b[at] != ':') {
        return null;
      }
      at++;
      JsonNode v = value(depth);
      if (v == null) {
        return null;
      }
      o.replace(key(keyStart, keyEnd), v);
      if (at >= end) {
        return null;
      }
      byte c = b[at++];
      if (c == '}') {
        return o;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  private ArrayNode array(int depth) {
    if (depth >= MAX_DEPTH) {
      return null;
    }
    at++; // [
    ArrayNode a = NODES.arrayNode();
    if (at < end && b[at] == ']') {
      at++;
      return a;
    }
    while (true) {
      JsonNode v = value(depth);
      if (v == null || at >= end) {
        return null;
      }
      a.add(v);
      byte c = b[at++];
      if (c == ']') {
        return a;
      }
      if (c != ',') {
        return null;
      }
    }
  }

  private JsonNode value(int depth) {
    if (at >= end) {
      return null;
    }
    byte c = b[at];
    switch (c) {
      case '"' -> {
        int start = at + 1;
        int close = string();
        return close < 0 ? null : NODES.textNode(new String(b, start, close - start, StandardCharsets.ISO_8859_1));
      }
      case '{' -> {
        return object(depth + 1);
      }
      case '[' -> {
        return array(depth + 1);
      }
      case 't' -> {
        return word("true") ? NODES.booleanNode(true) : null;
      }
      case 'f' -> {
        return word("false") ? NODES.booleanNode(false) : null;
      }
      case 'n' -> {
        return word("null") ? NODES.nullNode() : null;
      }
      default -> {
        return number();
      }
    }
  }

  /** A plain string opening at {@link #at} ({@link FlatHeader#string}): moves past it and returns where it closes, or -1. */
  private int string() {
    int close = FlatHeader.string(b, at, end);
    if (close >= 0) {
      at = close + 1;
    }
    return close;
  }

  private boolean word(String w) {
    int n = w.length();
    if (end - at < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[at + i] != w.charAt(i)) {
        return false;
      }
    }
    at += n;
    return at >= end || !Character.isLetterOrDigit(b[at]); // "nullx" is not null
  }

  /** An integer: an optional minus, then 0 alone or up to 18 digits not starting with 0; nothing after it but structure. */
  private JsonNode number() {
    int start = at;
    boolean negative = b[at] == '-';
    if (negative) {
      at++;
    }
    int digits = at;
    long v = 0;
    while (at < end && b[at] >= '0' && b[at] <= '9') {
      v = v * 10 + (b[at] - '0');
      at++;
    }
    int n = at - digits;
    if (n == 0 || n > 18 || (n > 1 && b[digits] == '0') || (negative && v == 0)) {
      return null; // not a number, a long one (BigInteger's), a leading zero, -0: Jackson's to read
    }
    if (at < end && b[at] != ',' && b[at] != '}' && b[at] != ']') {
      return null; // a fraction, an exponent, or garbage
    }
    if (negative) {
      v = -v;
    }
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }

  private String key(int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 9)) & (KEYS.length - 1);
    String k = KEYS[slot];
    if (k != null && k.length() == to - from) {
      boolean same = true;
      for (int i = 0; i < to - from && same; i++) {
        same = k.charAt(i) == b[from + i];
      }
      if (same) {
        return k;
      }
    }
    k = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    KEYS[slot] = k;
    return k;
  }
}
