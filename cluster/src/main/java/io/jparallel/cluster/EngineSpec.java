package io.jparallel.cluster;

import io.jparallel.wire.ConnectionInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a launcher is asked to start: {@code count} engines of cluster {@code clusterId},
 * joining through {@code connection} (written to {@code engineFile}, mode 0600), with these
 * JVM options, logging into {@code logDir}; {@code registered} tells how many have joined.
 */
public record EngineSpec(String clusterId, int count, ConnectionInfo connection, Path engineFile,
    List<String> jvmOptions, Path logDir, java.util.function.IntSupplier registered) {

  public EngineSpec {
    jvmOptions = List.copyOf(jvmOptions);
    registered = registered == null ? () -> 0 : registered;
  }

  /**
   * The engine's command after {@code java}: JVM options, class path, main class; the caller
   * adds {@code --file}/{@code --id} as it needs.
   */
  public List<String> engineCommand(String java, String classPath) {
    return engineCommand(java, classPath, List.of());
  }

  /** As {@link #engineCommand(String, String)}, with more JVM options after the spec's own. */
  public List<String> engineCommand(String java, String classPath, List<String> moreJvmOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Djparallel.role=engine");
    cmd.add("-Djparallel.cluster=" + clusterId);
    cmd.addAll(jvmOptions);
    cmd.addAll(moreJvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add("io.jparallel.engine.EngineMain");
    return cmd;
  }

  /** The log file of one part of the launch. */
  public Path log(String part) {
    return logDir.resolve("engine-" + clusterId + "-" + part + ".log");
  }
}
