package io.jparallel.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a profile's files live: {@code $JPARALLEL_DIR} (default {@code ~/.jparallel}) /
 * {@code profile_<name>/security} for connection files, {@code /log} for logs and {@code /db} for
 * task records.
 */
public final class Profiles {
  public static final String DEFAULT = "default";

  private Profiles() {}

  public static Path base() {
    String env = System.getenv("JPARALLEL_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String prop = System.getProperty("jparallel.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    return Path.of(System.getProperty("user.home"), ".jparallel");
  }

  public static Path profile(String name) {
    return base().resolve("profile_" + (name == null ? DEFAULT : name));
  }

  public static Path security(String profile) {
    return profile(profile).resolve("security");
  }

  public static Path logs(String profile) {
    return profile(profile).resolve("log");
  }

  /** The SQLite file of a cluster's task records: {@code db/tasks-<cluster>.sqlite}. */
  public static Path taskDb(String profile, String clusterId) {
    return profile(profile).resolve("db").resolve("tasks-" + clusterId + ".sqlite");
  }

  /** Removes a cluster's task records file (and SQLite's -wal and -shm beside it). */
  public static void deleteTaskDb(String profile, String clusterId) throws IOException {
    Path db = taskDb(profile, clusterId);
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
    }
  }

  public static Path clientFile(String profile, String clusterId) {
    return security(profile).resolve("client-" + clusterId + ".json");
  }

  public static Path engineFile(String profile, String clusterId) {
    return security(profile).resolve("engine-" + clusterId + ".json");
  }

  /** The {@code <kind>-*.json} files of a profile ({@code kind} is client or engine), sorted by name. */
  public static List<Path> connectionFiles(String profile, String kind) throws IOException {
    Path dir = security(profile);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(kind + "-") && n.endsWith(".json");
          })
          .sorted().toList();
    }
  }

  /** The newest {@code <kind>-*.json} of a profile ({@code kind} is client or engine). */
  public static Optional<Path> newest(String profile, String kind) throws IOException {
    return connectionFiles(profile, kind).stream().max(Comparator.comparing(p -> p.toFile().lastModified()));
  }

}
