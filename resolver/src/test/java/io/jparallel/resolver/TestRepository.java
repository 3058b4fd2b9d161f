package io.jparallel.resolver;

import io.jparallel.jshell.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Maven repository a test writes itself (the {@code file://} layout Maven Central has):
 * artifacts compiled from the test's sources, with POMs listing their dependencies.
 */
public final class TestRepository {
  private final Path root;

  public TestRepository(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** {@code file:/...} URL of the repository. */
  public String url() {
    return root.toUri().toString();
  }

  /**
   * Deploys {@code groupId:artifactId:version}: its classes compiled from {@code sources}
   * against {@code classPath}, and a POM with {@code dependencies} (coordinates, compile scope).
   * Returns the jar.
   */
  public Path deploy(String coordinates, Map<String, String> sources, List<String> dependencies, List<Path> classPath) {
    String[] gav = coordinates.split(":");
    Path dir = root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
    String base = gav[1] + "-" + gav[2];
    try {
      Files.createDirectories(dir);
      StringBuilder deps = new StringBuilder();
      for (String d : dependencies) {
        String[] p = d.split(":");
        deps.append("    <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
            .append("</artifactId><version>").append(p[2]).append("</version></dependency>\n");
      }
      Files.writeString(dir.resolve(base + ".pom"), """
          <?xml version="1.0" encoding="UTF-8"?>
          <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <groupId>%s</groupId>
            <artifactId>%s</artifactId>
            <version>%s</version>
            <dependencies>
          %s  </dependencies>
          </project>
          """.formatted(gav[0], gav[1], gav[2], deps));
      return TestJars.build(dir.resolve(base + ".jar"), sources, classPath, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fixture most tests use: {@code test.jparallel:stats:1.0} ({@code stats.Stats.mean(double[])}
   * and {@code stats.Stats.describe(double[])}) depending on {@code test.jparallel:format:1.0}
   * ({@code format.Fmt.twoDecimals(double)}). Returns the stats jar.
   */
  public Path deployStatsAndFormat() {
    Path format = deploy("test.jparallel:format:1.0", Map.of("format.Fmt", """
        package format;
        public final class Fmt {
          public static String twoDecimals(double x) { return String.format(java.util.Locale.ROOT, "%.2f", x); }
        }
        """), List.of(), List.of());
    return deploy("test.jparallel:stats:1.0", Map.of("stats.Stats", """
        package stats;
        public final class Stats {
          public static double mean(double[] xs) { double s = 0; for (double x : xs) s += x; return s / xs.length; }
          public static String describe(double[] xs) { return "mean " + format.Fmt.twoDecimals(mean(xs)); }
        }
        """), List.of("test.jparallel:format:1.0"), List.of(format));
  }
}
