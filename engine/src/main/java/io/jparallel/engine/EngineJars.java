package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.jshell.LibraryLoader;
import io.jparallel.wire.ContentHash;
import io.jparallel.wire.Message;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The session's libraries on this engine: jars that {@code load_jars} brings (or names, when
 * this host's cache has them), kept in a cache by content hash ({@code <hash>.jar}, shared by
 * the engines of a host) and added, in the order they come, to the {@link LibraryLoader} that
 * the engine's JShell and its loaders for shipped lambdas share. Used by the I/O thread.
 */
final class EngineJars {
  private final Path cache;
  private final LibraryLoader libraries;

  /** {@code <jparallel dir>/cache/jars} ({@code JPARALLEL_DIR} or {@code ~/.jparallel}). */
  static Path defaultCache() {
    return Profiles.base().resolve("cache").resolve("jars");
  }

  EngineJars(Path cache, LibraryLoader libraries) {
    this.cache = cache;
    this.libraries = libraries;
  }

  /**
   * The hashes of the jars in this host's cache, for the registration request. A file gets
   * its name only once its bytes matched it (written aside, then moved), so names are trusted.
   */
  List<String> cached() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(cache)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}\\.jar")).sorted()
          .forEach(n -> out.add(n.substring(0, 64)));
    } catch (IOException e) {
      // no cache yet, or an unreadable one: the controller sends every jar
    }
    return out;
  }

  /**
   * Stores and adds the jars of a {@code load_jars} message, in order; returns one line per
   * jar for the log (received with its size, or taken from the cache), or what went wrong.
   */
  List<String> load(Message m) {
    List<String> lines = new ArrayList<>();
    for (JsonNode j : m.content().path("jars")) {
      String name = j.path("name").asText("?");
      String hash = j.path("hash").asText("");
      int s = j.path("s").asInt(-1);
      try {
        if (!hash.matches("[0-9a-f]{64}")) {
          lines.add("jar " + name + " has no valid hash: not added");
          continue;
        }
        Path file = cache.resolve(hash + ".jar");
        if (s >= 0) {
          if (s >= m.signedBuffers()) {
            lines.add("jar " + name + " names a missing buffer: not added");
            continue;
          }
          byte[] bytes = m.buffers().get(s);
          if (!ContentHash.sha256Hex(bytes).equals(hash)) {
            lines.add("jar " + name + " does not match its hash " + hash + ": not added");
            continue;
          }
          store(file, bytes);
          lines.add("jar " + name + " (" + hash.substring(0, 12) + ") received, " + bytes.length + " bytes");
        } else if (Files.isRegularFile(file)) {
          lines.add("jar " + name + " (" + hash.substring(0, 12) + ") from the cache");
        } else {
          lines.add("jar " + name + " (" + hash.substring(0, 12) + ") is not in the cache " + cache + ": not added");
          continue;
        }
        libraries.add(file);
      } catch (IOException | RuntimeException e) {
        lines.add("jar " + name + " could not be added: " + e);
      }
    }
    return lines;
  }

  /** Writes {@code bytes} as {@code file} unless it is there: another engine of this host may write it too. */
  private void store(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
      return;
    }
    Files.createDirectories(cache);
    Path tmp = Files.createTempFile(cache, "incoming-", ".part");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
