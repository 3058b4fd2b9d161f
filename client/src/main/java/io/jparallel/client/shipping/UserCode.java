package io.jparallel.client.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * Decides which classes are the user's code, relative to the capturing class of a
 * function: classes a registered {@link ClassBytesSource} defines for the capturing
 * class's loader (JShell snippets), and classes from the same code source (jar or
 * directory) as the capturing class, unless engines have that code source on their class
 * path (the jparallel jar). JDK classes and libraries from other code sources are never
 * user code.
 */
final class UserCode {
  private static final List<String> NEVER = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.");

  /** A user class's bytes and, if a registered source defines it, that source. */
  record Found(byte[] bytes, ClassBytesSource source) {}

  private final ClassLoader loader;
  private final ClassSources sources;
  private final String codeSourceRoot;

  UserCode(Class<?> capturing, ClassSources sources) {
    this.loader = capturing.getClassLoader();
    this.sources = sources;
    this.codeSourceRoot = codeSourceRoot(capturing);
  }

  ClassLoader loader() {
    return loader;
  }

  Optional<Found> find(String className) {
    if (loader == null || isNeverShipped(className)) {
      return Optional.empty();
    }
    Optional<ClassBytesSource> source = sources.sourceOf(className, loader);
    if (source.isPresent()) {
      return source.get().bytesOf(className).map(bytes -> new Found(bytes, source.get()));
    }
    if (codeSourceRoot == null) {
      return Optional.empty();
    }
    String path = ClassSources.resourcePath(className);
    URL url = loader.getResource(path);
    if (url == null || !url.toString().equals(codeSourceRoot + path)) {
      return Optional.empty();
    }
    try (InputStream in = url.openStream()) {
      return Optional.of(new Found(in.readAllBytes(), null));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the class file of " + className + " from " + url, e);
    }
  }

  static boolean isNeverShipped(String className) {
    for (String prefix : NEVER) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** {@code file:/app/classes/} or {@code jar:file:/app.jar!/}: where the capturing class's file was found. */
  private static String codeSourceRoot(Class<?> capturing) {
    ClassLoader loader = capturing.getClassLoader();
    if (loader == null) {
      return null;
    }
    String path = ClassSources.resourcePath(capturing.getName());
    URL url = loader.getResource(path);
    if (url == null) {
      return null;
    }
    String location = url.toString();
    if (!location.endsWith(path)) {
      return null;
    }
    try {
      java.security.CodeSource cs = capturing.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null
          && ApiClassPath.provides(java.nio.file.Path.of(cs.getLocation().toURI()))) {
        return null; // engines load it from their own class path
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
      // not a file location: treat it as user code
    }
    return location.substring(0, location.length() - path.length());
  }
}
