package io.jparallel.cluster;

import io.jparallel.client.shipping.ApiClassPath;
import io.jparallel.engine.EngineMain;
import io.jparallel.jshell.ClassPath;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path an engine JVM starts with: the engine's own code, the API user code may use
 * there ({@link ApiClassPath}) and this module, found from where their classes were loaded (the
 * shaded jar, or module directories in a build), and nothing of the caller's: user classes
 * and libraries travel with tasks.
 */
public final class EngineClasspath {
  private EngineClasspath() {}

  /** The entries, in order, as absolute paths. */
  public static Set<Path> entries() {
    Set<Path> entries = new LinkedHashSet<>(ClassPath.locationsOf(List.of(EngineMain.class)));
    entries.addAll(ApiClassPath.locations());
    entries.addAll(ClassPath.locationsOf(List.of(Cluster.class,
        com.neilalexander.jnacl.crypto.curve25519xsalsa20poly1305.class))); // CurveZMQ's NaCl
    return entries;
  }

  /** The class path string for an engine JVM. */
  public static String get() {
    Set<String> paths = new LinkedHashSet<>();
    entries().forEach(p -> paths.add(p.toString()));
    if (paths.isEmpty()) {
      throw new IllegalStateException("the engine's classes are not on this class path");
    }
    return String.join(File.pathSeparator, paths);
  }
}
