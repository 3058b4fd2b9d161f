package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10.9: a profile's log directory keeps the newest logs and any still being written. */
class LogFilesTest {
  @TempDir
  Path dir;

  @Test
  void theNewestAndTheRecentStayTheRestGo() throws Exception {
    Instant now = Instant.now();
    for (int i = 0; i < 10; i++) {
      Path p = Files.writeString(dir.resolve("engine-c-" + i + ".log"), "x");
      Files.setLastModifiedTime(p, FileTime.from(now.minus(Duration.ofDays(10 - i))));
    }
    Path recent = Files.writeString(dir.resolve("session-1.log"), "x");
    Path other = Files.writeString(dir.resolve("notes.txt"), "x");
    Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(30))));
    LogFiles.prune(dir, 4, now.minus(Duration.ofHours(1)));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("engine-c-7.log", "engine-c-8.log", "engine-c-9.log", "notes.txt", "session-1.log");
    }
    assertThat(recent).exists();
  }

  @Test
  void aMissingDirectoryIsNothingToDo() {
    LogFiles.prune(dir.resolve("absent"));
    assertThat(dir.resolve("absent")).doesNotExist();
  }
}
