package io.jparallel.jshell;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The libraries added to a JVM's JShell at run time ({@code %classpath}, {@code %maven}, jars
 * shipped to an engine): one loader, appended to in order, that is the parent of the JShell's
 * snippet loader and of an engine's loaders for shipped lambdas, so snippets and lambdas see
 * the same classes. Its own parent is the loader that sees the jparallel API.
 */
public final class LibraryLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final List<Path> entries = new ArrayList<>();

  public LibraryLoader(ClassLoader parent) {
    super("jparallel-libraries", new URL[0], parent);
  }

  /** Appends a jar or class directory; one already added is not added again. */
  public synchronized void add(Path entry) {
    Path p = entry.toAbsolutePath().normalize();
    if (entries.contains(p)) {
      return;
    }
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("no such jar or directory: " + p);
    }
    try {
      addURL(p.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new UncheckedIOException("not a usable class path entry: " + p, e);
    }
    entries.add(p);
  }

  /** What was added, in order. */
  public synchronized List<Path> entries() {
    return List.copyOf(entries);
  }
}
