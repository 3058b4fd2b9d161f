package io.jparallel.client.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where class bytes come from: registered {@link ClassBytesSource}s first (JShell
 * sessions register themselves), then the defining loader's resources
 * ({@code name.replace('.', '/') + ".class"}) for classes of plain-Java callers and jars.
 */
public final class ClassSources {
  private static final ClassSources SHARED = new ClassSources();

  private final List<ClassBytesSource> sources = new CopyOnWriteArrayList<>();

  /** The registry that JShell sessions and the default {@link FunctionShipper} use. */
  public static ClassSources shared() {
    return SHARED;
  }

  public void register(ClassBytesSource source) {
    sources.add(Objects.requireNonNull(source, "source"));
  }

  public void unregister(ClassBytesSource source) {
    sources.remove(source);
  }

  /** The registered source that defines {@code className} as {@code loader} sees it. */
  public Optional<ClassBytesSource> sourceOf(String className, ClassLoader loader) {
    for (ClassBytesSource source : sources) {
      if (source.serves(loader) && source.bytesOf(className).isPresent()) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /** Bytes from a registered source serving {@code loader}, else from the loader's resources. */
  public Optional<byte[]> bytesOf(String className, ClassLoader loader) {
    for (ClassBytesSource source : sources) {
      if (source.serves(loader)) {
        Optional<byte[]> bytes = source.bytesOf(className);
        if (bytes.isPresent()) {
          return bytes;
        }
      }
    }
    return resourceBytes(className, loader);
  }

  /** Reads {@code className}'s class file from {@code loader}'s resources. */
  public static Optional<byte[]> resourceBytes(String className, ClassLoader loader) {
    if (loader == null) {
      return Optional.empty();
    }
    try (InputStream in = loader.getResourceAsStream(resourcePath(className))) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the class file of " + className, e);
    }
  }

  static String resourcePath(String className) {
    return className.replace('.', '/') + ".class";
  }
}
