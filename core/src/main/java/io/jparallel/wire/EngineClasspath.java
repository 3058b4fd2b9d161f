package io.jparallel.wire;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path an engine JVM starts with: the engine's own code and its libraries, found
 * from where their classes were loaded (the shaded jar, or module directories in a build),
 * and nothing of the caller's: user classes travel with tasks.
 */
public final class EngineClasspath {
  private static final String[] ANCHORS = {
    "io.jparallel.engine.EngineMain",
    "io.jparallel.wire.Json",
    "io.jparallel.client.Client",
    "io.jparallel.cluster.Cluster",
    "io.jparallel.magics.Timeit",
    "picocli.CommandLine",
    "org.objectweb.asm.ClassReader",
    "org.zeromq.ZMQ",
    "com.neilalexander.jnacl.crypto.curve25519xsalsa20poly1305", // CurveZMQ
    "com.fasterxml.jackson.databind.ObjectMapper",
    "com.fasterxml.jackson.core.JsonFactory",
    "com.fasterxml.jackson.annotation.JsonProperty",
  };

  private EngineClasspath() {}

  private static volatile Set<Path> entries;

  /** The class path entries, as absolute paths (jars or class directories). */
  public static Set<Path> entries() {
    Set<Path> e = entries;
    if (e == null) {
      Set<Path> found = new LinkedHashSet<>();
      for (String anchor : ANCHORS) {
        try {
          Class<?> c = Class.forName(anchor, false, EngineClasspath.class.getClassLoader());
          CodeSource cs = c.getProtectionDomain().getCodeSource();
          if (cs != null && cs.getLocation() != null) {
            found.add(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
          }
        } catch (ClassNotFoundException e2) {
          // not on this class path (a client-only deployment): engines are started elsewhere
        } catch (URISyntaxException e2) {
          throw new IllegalStateException("cannot locate " + anchor, e2);
        }
      }
      e = Collections.unmodifiableSet(found);
      entries = e;
    }
    return e;
  }

  /** Whether classes loaded from {@code location} (a jar or class directory) are on engines' class path. */
  public static boolean provides(Path location) {
    return entries().contains(location.toAbsolutePath().normalize());
  }

  /** The class path string for an engine JVM. */
  public static String get() {
    Set<String> paths = new LinkedHashSet<>();
    for (Path p : entries()) {
      paths.add(p.toString());
    }
    if (paths.isEmpty()) {
      throw new IllegalStateException("the engine's classes are not on this class path");
    }
    return String.join(File.pathSeparator, paths);
  }
}
