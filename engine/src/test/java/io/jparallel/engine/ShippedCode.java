package io.jparallel.engine;

import io.jparallel.fn.Invocable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a class at test time into a directory on no class path: the engine can only
 * run it from the bytes that {@code load_classes} ships.
 */
final class ShippedCode {
  static final String SOURCE = """
      package shipped;
      import io.jparallel.fn.*;
      public class Tasks {
        public static int offset;
        public static SerializableFunction<Integer, Integer> times(int k) { return x -> x * k + offset; }
        public static SerializableFunction<Integer, Integer> plusOffset() { return x -> x + offset; }
        public static SerializableCallable<String> sleeper(long ms) { return () -> { Thread.sleep(ms); return "woke"; }; }
        public static SerializableCallable<String> spinner(long ms) {
          return () -> { long end = System.nanoTime() + ms * 1_000_000L; while (System.nanoTime() < end) { } return "spun"; };
        }
        public static SerializableCallable<Object> unsendable() { return () -> new Object(); }
        public static SerializableCallable<Integer> failing() { return () -> Integer.parseInt("x"); }
        public static SerializableCallable<String> printing() { return () -> { System.out.println("from apply"); return "ok"; }; }
      }
      """;

  final Map<String, byte[]> classes = new LinkedHashMap<>();
  final ClassLoader loader;

  ShippedCode(Path dir) throws Exception {
    Path src = dir.resolve("src/shipped/Tasks.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path out = dir.resolve("classes");
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String cp = Path.of(Invocable.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", cp, "--release", "17", src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed: " + rc);
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = out.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        classes.put(name, Files.readAllBytes(p));
      }
    }
    loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ShippedCode.class.getClassLoader());
  }

  Object call(String method, Object... args) throws Exception {
    Class<?> c = Class.forName("shipped.Tasks", true, loader);
    for (var m : c.getMethods()) {
      if (m.getName().equals(method)) {
        return m.invoke(null, args);
      }
    }
    throw new NoSuchMethodException(method);
  }

  List<String> names() {
    return List.copyOf(classes.keySet());
  }
}
