package io.jparallel.jvm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

  /**
   * Class data sharing for a JVM of {@code javaBin} started on {@code classPath}: the archive the
   * {@code jpar} script made for that jar and that JVM ({@code JAR.<java's real path, mangled>.jsa},
   * a training run's classes: JShell, javac, the client), or nothing when there is none,
   * the class path is not that one jar, or {@code JPAR_CDS=0}. An archive that no longer matches
   * its jar is ignored by the JVM, silently ({@code -Xlog:cds*=off}).
   */
  public static List<String> classSharing(Path javaBin, String classPath) {
    if ("0".equals(System.getenv("JPAR_CDS")) || classPath.contains(File.pathSeparator)
        || !classPath.endsWith(".jar")) {
      return List.of();
    }
    try {
      String jvm = javaBin.toRealPath().toString();
      StringBuilder mangled = new StringBuilder(jvm.length());
      for (char c : jvm.toCharArray()) {
        mangled.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' ? c : '-');
      }
      Path jsa = Path.of(classPath + "." + mangled + ".jsa");
      if (!Files.isRegularFile(jsa)) {
        return List.of();
      }
      return List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off", "-Xlog:cds+dynamic=off");
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
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
