package io.jparallel.client.shipping;

import io.jparallel.client.Client;
import io.jparallel.fn.Invocable;
import io.jparallel.jshell.ClassPath;
import java.nio.file.Path;
import java.util.List;

/**
 * Where jparallel's API lives: the jars or class directories of core, the client and the
 * libraries they use. Every engine has them on its class path (the cluster starts engines
 * with them, the shaded jar holds them all), so classes from them never ship with a task.
 */
public final class ApiClassPath {
  private static final List<Class<?>> ANCHORS = List.of(
      Invocable.class, Client.class, org.objectweb.asm.ClassReader.class, org.zeromq.ZMQ.class,
      com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
      com.fasterxml.jackson.annotation.JsonProperty.class);

  private static volatile List<Path> locations;

  private ApiClassPath() {}

  /** The API's locations, in order, as absolute paths. */
  public static List<Path> locations() {
    List<Path> l = locations;
    if (l == null) {
      l = ClassPath.locationsOf(ANCHORS);
      locations = l;
    }
    return l;
  }

  /** Whether classes loaded from {@code location} are on every engine's class path. */
  public static boolean provides(Path location) {
    return locations().contains(location.toAbsolutePath().normalize());
  }
}
