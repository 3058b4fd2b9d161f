package io.jparallel.session;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value as several representations keyed by MIME type ({@code text/plain} always,
 * optionally {@code text/html}, {@code image/png} as base64, ...), as Jupyter's display data.
 * Terminals show {@link #text()}; notebooks pick the richest.
 */
public record Display(Map<String, String> data) {
  public Display {
    data = Map.copyOf(new LinkedHashMap<>(data));
    if (!data.containsKey("text/plain")) {
      throw new IllegalArgumentException("a display needs a text/plain representation");
    }
  }

  public static Display text(String text) {
    return new Display(Map.of("text/plain", text));
  }

  public static Display html(String text, String html) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("text/plain", text);
    m.put("text/html", html);
    return new Display(m);
  }

  public static Display png(String text, byte[] png) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("text/plain", text);
    m.put("image/png", Base64.getEncoder().encodeToString(png));
    return new Display(m);
  }

  public String text() {
    return data.get("text/plain");
  }

  /** This display with one more representation. */
  public Display with(String mime, String content) {
    Map<String, String> m = new LinkedHashMap<>(data);
    m.put(mime, content);
    return new Display(m);
  }
}
