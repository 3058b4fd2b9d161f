package io.jparallel.jshell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real jars for tests: Java sources compiled by the JDK's compiler, then packed. */
public final class TestJars {
  private TestJars() {}

  /**
   * Compiles {@code sources} (binary class name to source text) against {@code classPath} and
   * writes the classes into {@code jar}, with {@code manifestClassPath} as its manifest's
   * {@code Class-Path} when not null.
   */
  public static Path build(Path jar, Map<String, String> sources, List<Path> classPath, String manifestClassPath) {
    try {
      Path work = Files.createTempDirectory(jar.getParent(), "src");
      Path out = Files.createDirectories(work.resolve("classes"));
      List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-nowarn"));
      if (!classPath.isEmpty()) {
        args.add("-cp");
        args.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
      }
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path src = work.resolve("src").resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, e.getValue());
        args.add(src.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (!sources.isEmpty() && javac.run(null, null, System.err, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("test sources did not compile: " + sources.keySet());
      }
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      if (manifestClassPath != null) {
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, manifestClassPath);
      }
      try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, manifest);
           Stream<Path> files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          jos.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
          jos.write(Files.readAllBytes(f));
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One class, no dependencies. */
  public static Path build(Path jar, String className, String source) {
    return build(jar, Map.of(className, source), List.of(), null);
  }
}
