package io.jparallel.session;

import java.nio.file.Path;
import java.util.List;

/**
 * How a session starts: with a local cluster of {@code engines} engines, connected to the
 * cluster of a client connection file, or with none (the kernel's default: {@code %cluster
 * start} later).
 */
public record SessionOptions(ClusterMode cluster, int engines, Path connectFile, String profile, List<Path> classPath) {
  public enum ClusterMode { NONE, LOCAL, CONNECT }

  public SessionOptions {
    classPath = List.copyOf(classPath);
  }

  public static SessionOptions noCluster() {
    return new SessionOptions(ClusterMode.NONE, 0, null, "default", List.of());
  }

  public static SessionOptions local(int engines) {
    return new SessionOptions(ClusterMode.LOCAL, engines, null, "default", List.of());
  }

  public static SessionOptions connect(Path file) {
    return new SessionOptions(ClusterMode.CONNECT, 0, file, "default", List.of());
  }

  /** Default engine count: the cores of this machine, at least 2. */
  public static int defaultEngines() {
    return io.jparallel.cluster.Cluster.defaultEngines();
  }
}
