package io.jparallel.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines of a log, for error messages ("see the log" with what it says). */
final class LogTail {
  private LogTail() {}

  /** The last {@code n} non-empty lines of {@code log}, or an empty list. */
  static List<String> of(Path log, int n) {
    try {
      if (log == null || !Files.isRegularFile(log)) {
        return List.of();
      }
      List<String> lines = new ArrayList<>();
      for (String l : Files.readString(log, StandardCharsets.UTF_8).split("\\R")) {
        String t = l.replace("\r", "").strip();
        if (!t.isEmpty()) {
          lines.add(t);
        }
      }
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  /** {@code " (log: FILE; last lines: a | b)"}, or {@code " (log: FILE)"} when it is empty. */
  static String describe(Path log, int n) {
    List<String> lines = of(log, n);
    return " (log " + log + (lines.isEmpty() ? "" : ": " + String.join(" | ", lines)) + ")";
  }
}
