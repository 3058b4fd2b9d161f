package io.jparallel.session;

import io.jparallel.client.Client;
import io.jparallel.client.LibraryJar;
import io.jparallel.client.JParallelException;
import io.jparallel.magics.MavenOptions;
import io.jparallel.resolver.MavenResolver;
import io.jparallel.resolver.ResolverException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The session's libraries ({@code %maven}, {@code %classpath}), in the order they were added:
 * the engines of the session's cluster get them first ({@link Client#addJars}), then the local
 * JShell (compiler and loader, so imports and completion see them at once); a cluster started
 * or connected later gets all of them when it is bound. A failure (a missing path, a coordinate
 * that does not resolve, an unreachable repository, a jar that conflicts with jparallel's own
 * classes) is one line, and the session and the engines keep what they had.
 */
final class SessionLibraries implements AutoCloseable {
  private final LocalShell shell;
  private final List<Path> added = new ArrayList<>();
  private MavenResolver resolver;

  SessionLibraries(LocalShell shell) {
    this.shell = shell;
  }

  /** {@code %classpath PATH...}. */
  synchronized String classpath(List<String> paths, Client rc) {
    List<Path> entries = new ArrayList<>();
    for (String p : paths) {
      entries.add(Path.of(p).toAbsolutePath().normalize());
    }
    return add(entries, rc);
  }

  /** {@code %maven [--repo URL]... G:A:V...}; {@code progress} gets the download lines. */
  synchronized String maven(MavenOptions options, Consumer<String> progress, Client rc) {
    try {
      if (resolver == null) {
        resolver = MavenResolver.open();
      }
      for (String url : options.repositories()) {
        resolver.addRepository(url);
      }
      if (options.coordinates().isEmpty()) {
        return "repositories: " + String.join(", ", resolver.repositories());
      }
      return add(resolver.resolve(options.coordinates(), progress), rc);
    } catch (ResolverException e) {
      throw new JParallelException(e.getMessage(), e);
    }
  }

  /** A cluster the session now uses: its engines get every library so far. */
  synchronized void bound(Client rc) {
    if (!added.isEmpty()) {
      rc.addJars(added);
    }
  }

  synchronized List<Path> added() {
    return List.copyOf(added);
  }

  private String add(List<Path> entries, Client rc) {
    List<Path> fresh = new ArrayList<>();
    for (Path p : entries) {
      if (!added.contains(p) && !fresh.contains(p)) {
        fresh.add(p);
      }
    }
    if (fresh.isEmpty()) {
      return "already on the class path: " + names(entries);
    }
    if (rc != null) {
      rc.addJars(fresh); // checks every path and conflict first, then ships
    } else {
      ClassLoader api = shell.libraries().getParent();
      fresh.forEach(p -> LibraryJar.read(p).checkNoConflictWith(api));
    }
    shell.addToClasspath(fresh);
    added.addAll(fresh);
    return "added to the class path" + (rc != null ? " here and on the engines" : "") + ": " + names(fresh);
  }

  private static String names(List<Path> entries) {
    return String.join(", ", entries.stream().map(p -> p.getFileName().toString()).toList());
  }

  @Override
  public synchronized void close() {
    if (resolver != null) {
      resolver.close();
      resolver = null;
    }
  }
}
