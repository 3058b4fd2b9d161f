package io.jparallel.cluster;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.io.File;

/**
 * The class path an engine JVM starts with: the engine's own code and its libraries, found
 * from where their classes were loaded (the shaded jar, or module directories in a build),
 * and nothing of the caller's: user classes travel with tasks.
 */
final class EngineClasspath {
  private static final String[] ANCHORS = {
    "io.jparallel.engine.EngineMain",
    "io.jparallel.wire.Json",
    "org.zeromq.ZMQ",
    "com.fasterxml.jackson.databind.ObjectMapper",
    "com.fasterxml.jackson.core.JsonFactory",
    "com.fasterxml.jackson.annotation.JsonProperty",
  };

  private EngineClasspath() {}

  static String get() {
    Set<String> entries = new LinkedHashSet<>();
    for (String anchor : ANCHORS) {
      try {
        Class<?> c = Class.forName(anchor, false, EngineClasspath.class.getClassLoader());
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
          entries.add(Path.of(cs.getLocation().toURI()).toString());
        }
      } catch (ClassNotFoundException | URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + anchor + " to start engines", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
