package io.jparallel.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps a profile's {@code log/} directory from growing for ever: every session and cluster
 * writes files of its own there (a session log, one per engine), so whenever one starts, the
 * {@value #KEEP} newest {@code *.log} files stay and older ones go, except any written in the last
 * hour (a process may still be using it).
 */
public final class LogFiles {
  static final int KEEP = 50;
  static final Duration RECENT = Duration.ofHours(1);
  private static final Log LOG = Log.of("log");

  private LogFiles() {}

  /** Deletes the old log files of {@code dir} as above; nothing if it does not exist. */
  public static void prune(Path dir) {
    prune(dir, KEEP, Instant.now().minus(RECENT));
  }

  static void prune(Path dir, int keep, Instant recent) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> logs;
    try (Stream<Path> s = Files.list(dir)) {
      logs = s.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
          .sorted(Comparator.comparing(LogFiles::modified).reversed()).toList();
    } catch (IOException e) {
      return;
    }
    FileTime recentTime = FileTime.from(recent);
    for (Path p : logs.subList(Math.min(keep, logs.size()), logs.size())) {
      if (modified(p).compareTo(recentTime) < 0) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("cannot remove old log " + p + ": " + e.getMessage());
          return;
        }
      }
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
