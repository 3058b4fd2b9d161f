package io.jparallel.wire;

import java.nio.charset.StandardCharsets;

/**
 * The common case of a {@link Header}'s JSON, written and read without Jackson: a flat object
 * of string fields whose text is printable ASCII with nothing to escape (ids, types, session
 * names, ISO dates), no whitespace. Every message has a header and most replies carry their
 * request's as parent, so each peer writes or reads three or four per task; Jackson's
 * generator and parser cost more to set up than these few bytes take to scan. Anything else
 * (an escape, a number, whitespace, a nested value, a character beyond ASCII) is left to
 * {@link Json}'s streaming Jackson code, which reads it the same way: {@link #read} accepts
 * only what that code reads to the same fields, and {@link #write} writes the same bytes as
 * Jackson's generator.
 */
final class FlatHeader {
  private static final byte[][] NAMES = {
      ascii("msg_id"), ascii("msg_type"), ascii("session"), ascii("username"), ascii("date"), ascii("version")};

  private FlatHeader() {}

  /** The header's JSON (fields in the record's order, nulls left out), or null when a value needs escaping. */
  static byte[] write(Header h) {
    String[] values = {h.msgId(), h.msgType(), h.session(), h.username(), h.date(), h.version()};
    int size = 2; // {}
    int fields = 0;
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        continue;
      }
      for (int j = 0; j < v.length(); j++) {
        if (!plain(v.charAt(j))) {
          return null;
        }
      }
      size += NAMES[i].length + v.length() + 5 + (fields++ > 0 ? 1 : 0); // "name":"value" and a comma
    }
    byte[] out = new byte[size];
    int at = 0;
    out[at++] = '{';
    boolean first = true;
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (!first) {
        out[at++] = ',';
      }
      first = false;
      out[at++] = '"';
      System.arraycopy(NAMES[i], 0, out, at, NAMES[i].length);
      at += NAMES[i].length;
      out[at++] = '"';
      out[at++] = ':';
      out[at++] = '"';
      for (int j = 0; j < v.length(); j++) {
        out[at++] = (byte) v.charAt(j); // ASCII, checked above
      }
      out[at++] = '"';
    }
    out[at] = '}';
    return out;
  }

  /** The header in {@code json} if it is a flat object of plain strings and nothing else, else null. */
  static Header read(byte[] json) {
    return read(json, 0, json.length);
  }

  /** As {@link #read(byte[])} for the {@code length} bytes at {@code offset}. */
  static Header read(byte[] json, int offset, int length) {
    String[] values = new String[NAMES.length];
    return scan(json, offset, offset + length, values, -1) ? new Header(values[0], values[1], values[2], values[3],
        values[4], values[5]) : null;
  }

  /**
   * Whether {@code json} is a flat header, and its msg_id (null when it has none) in {@code id[0]};
   * no other string is made.
   */
  static boolean readMsgId(byte[] json, int offset, int length, String[] id) {
    return scan(json, offset, offset + length, id, 0);
  }

  /**
   * Scans a flat object of plain strings between {@code start} and {@code end}: false if it is
   * not one. Sets the values of the fields {@link #NAMES} names into {@code values} (all of them,
   * or, when {@code only} is not negative, only that one into {@code values[0]}); a repeated field
   * keeps its last value, as Jackson's streaming reader does.
   */
  private static boolean scan(byte[] json, int start, int end, String[] values, int only) {
    if (end - start < 2 || json[start] != '{') {
      return false;
    }
    int at = start + 1;
    if (json[at] != '}') {
      while (true) {
        int nameStart = at + 1;
        int nameEnd = string(json, at, end);
        if (nameEnd < 0 || nameEnd + 2 >= end || json[nameEnd + 1] != ':') {
          return false;
        }
        int valueStart = nameEnd + 2;
        int valueEnd = string(json, valueStart, end);
        if (valueEnd < 0) {
          return false;
        }
        int field = field(json, nameStart, nameEnd);
        if (field >= 0 && (only < 0 || field == only)) {
          values[only < 0 ? field : 0] = new String(json, valueStart + 1, valueEnd - valueStart - 1,
              StandardCharsets.ISO_8859_1);
        }
        at = valueEnd + 1;
        if (at >= end) {
          return false;
        }
        if (json[at] == '}') {
          break;
        }
        if (json[at] != ',') {
          return false;
        }
        at++;
      }
    }
    return at == end - 1;
  }

  /** Where the plain string opening at {@code at} closes (before {@code end}), or -1 when there is none there. */
  static int string(byte[] json, int at, int end) {
    if (at >= end || json[at] != '"') {
      return -1;
    }
    for (int i = at + 1; i < end; i++) {
      byte b = json[i];
      if (b == '"') {
        return i;
      }
      if (!plain((char) b)) {
        return -1;
      }
    }
    return -1;
  }

  /** Which of {@link #NAMES} the name between {@code start} and {@code end} is, or -1. */
  private static int field(byte[] json, int start, int end) {
    int len = end - start;
    for (int f = 0; f < NAMES.length; f++) {
      byte[] name = NAMES[f];
      if (name.length == len && java.util.Arrays.equals(json, start, end, name, 0, len)) {
        return f;
      }
    }
    return -1;
  }

  /** Printable ASCII that JSON strings hold as it is. */
  static boolean plain(char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
