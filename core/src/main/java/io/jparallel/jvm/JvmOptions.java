package io.jparallel.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of the JVMs jparallel starts, defined once in {@code jvm.options} (this
 * package's resource, also read by the {@code jpar} script): Serial GC with large arrays
 * allocated in the old generation. {@code JPAR_ENGINE_JAVA_OPTS} replaces the engines'
 * options, {@code JPAR_JAVA_OPTS} those of the other JVMs.
 */
public final class JvmOptions {
  private static final String RESOURCE = "jvm.options";
  private static final List<String> DEFAULTS = read();

  private JvmOptions() {}

  /** The shared options (GC), as in {@code jvm.options}. */
  public static List<String> defaults() {
    return DEFAULTS;
  }

  /** An engine's options: {@code JPAR_ENGINE_JAVA_OPTS}, or the defaults plus a deeper stack for JShell. */
  public static List<String> engine() {
    return engine(System.getenv("JPAR_ENGINE_JAVA_OPTS"));
  }

  static List<String> engine(String env) {
    List<String> fallback = new ArrayList<>(DEFAULTS);
    fallback.add("-Xss4m");
    return orEnv(env, fallback);
  }

  /** Options of a controller or kernel JVM: {@code JPAR_JAVA_OPTS}, or the defaults. */
  public static List<String> controller() {
    return orEnv(System.getenv("JPAR_JAVA_OPTS"), DEFAULTS);
  }

  private static List<String> orEnv(String env, List<String> fallback) {
    if (env == null || env.isBlank()) {
      return List.copyOf(fallback);
    }
    return List.of(env.trim().split("\\s+"));
  }

  /** This JVM's own {@code java} executable. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static List<String> read() {
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
