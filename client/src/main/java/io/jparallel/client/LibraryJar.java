package io.jparallel.client;

import io.jparallel.wire.ContentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A library as it travels to engines: a jar's bytes (a class folder is packed into a jar,
 * the same bytes for the same files) and their SHA-256, by which engines cache it.
 *
 * @param name the jar's file name (a folder's name plus {@code .jar}), for messages and logs
 * @param hash hex SHA-256 of {@code bytes}
 * @param bytes the jar
 * @param source the jar or folder it was read from
 */
public record LibraryJar(String name, String hash, byte[] bytes, Path source) {
  private static final FileTime PACKED_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01

  /**
   * Reads a jar or packs a class folder.
   *
   * @throws JParallelException naming the path when it is missing, unreadable or not a jar
   */
  public static LibraryJar read(Path path) {
    Path p = path.toAbsolutePath().normalize();
    try {
      byte[] bytes;
      String name;
      if (Files.isDirectory(p)) {
        bytes = pack(p);
        name = p.getFileName() + ".jar";
      } else if (Files.isRegularFile(p)) {
        bytes = Files.readAllBytes(p);
        name = p.getFileName().toString();
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
          throw new JParallelException("not a jar (nor a class folder): " + path);
        }
      } else {
        throw new JParallelException("no such jar or class folder: " + path);
      }
      return new LibraryJar(name, ContentHash.sha256Hex(bytes), bytes, p);
    } catch (IOException e) {
      throw new JParallelException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The first class of this jar that {@code api} (the loader of jparallel and its libraries)
   * already defines from a jar or folder of its own: user code would get ours, not the jar's.
   * Classes the JDK has are not counted (the JDK's win in any Java program).
   */
  public Optional<String> conflictWith(ClassLoader api) {
    for (String entry : classEntries()) {
      URL ours = api.getResource(entry);
      if (ours != null && !"jrt".equals(ours.getProtocol())) {
        return Optional.of(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
      }
    }
    return Optional.empty();
  }

  /** Fails with one line when {@link #conflictWith} finds a class. */
  public void checkNoConflictWith(ClassLoader api) {
    conflictWith(api).ifPresent(c -> {
      throw new JParallelException(name + " conflicts with jparallel's own classes (it contains " + c
          + ", which jparallel has on its class path): not added");
    });
  }

  /** The class files' entry names: from a jar's central directory, or from the packed folder. */
  private List<String> classEntries() {
    List<String> names = new ArrayList<>();
    try {
      if (Files.isRegularFile(source)) {
        try (JarFile jar = new JarFile(source.toFile(), false)) {
          jar.stream().forEach(e -> names.add(e.getName()));
        }
      } else {
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bytes))) {
          for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
            names.add(e.getName());
          }
        }
      }
    } catch (IOException e) {
      throw new JParallelException("not a readable jar: " + source + ": " + e.getMessage(), e);
    }
    return names.stream().filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/")
        && !n.endsWith("module-info.class") && !n.endsWith("package-info.class")).toList();
  }

  /** A folder's files as a jar: entries sorted, times fixed, so the same files give the same hash. */
  private static byte[] pack(Path dir) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(buf); Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        JarEntry e = new JarEntry(dir.relativize(f).toString().replace('\\', '/'));
        e.setLastModifiedTime(PACKED_TIME);
        jar.putNextEntry(e);
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(jar);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
        jar.closeEntry();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return buf.toByteArray();
  }
}
