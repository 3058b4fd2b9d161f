package io.jparallel.jshell;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where classes were loaded from (their jar or class directory): the one way jparallel finds
 * class path entries, for what a JShell compiles against (beyond the JVM's own class path)
 * and for what an engine JVM is started with.
 */
public final class ClassPath {
  private ClassPath() {}

  /** The jar or class directory {@code c} was loaded from, if it was loaded from a file. */
  public static Optional<Path> locationOf(Class<?> c) {
    try {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        return Optional.empty();
      }
      return Optional.of(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The locations of {@code classes}, in order, each once. */
  public static List<Path> locationsOf(List<Class<?>> classes) {
    Set<Path> out = new LinkedHashSet<>();
    for (Class<?> c : classes) {
      locationOf(c).ifPresent(out::add);
    }
    return List.copyOf(out);
  }
}
