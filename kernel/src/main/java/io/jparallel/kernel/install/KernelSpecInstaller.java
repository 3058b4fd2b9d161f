package io.jparallel.kernel.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a Jupyter kernelspec for jparallel: {@code kernel.json} whose argv starts the kernel
 * with the absolute path of the running java, language {@code java},
 * {@code interrupt_mode: message}; for a jar launch, a private copy of the jar next to it.
 */
public final class KernelSpecInstaller {
  public static final String DEFAULT_NAME = "jparallel";
  public static final String DEFAULT_DISPLAY_NAME = "Java (jparallel)";
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

  private KernelSpecInstaller() {}

  /** Installs (or replaces) kernelspec {@code name}; returns its directory. */
  public static Path install(InstallLocation where, String name, String displayName, KernelLaunch launch,
      List<String> jvmOptions) throws IOException {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("kernel name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
    }
    Path dir = where.kernelsDir().resolve(name.toLowerCase(java.util.Locale.ROOT));
    Files.createDirectories(dir);
    if (launch instanceof KernelLaunch.Jar jar) {
      copyAtomically(jar.jar(), dir.resolve(KernelLaunch.Jar.COPY_NAME));
    }
    Path json = dir.resolve("kernel.json");
    Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
    Files.writeString(tmp, kernelJson(dir, displayName, launch, jvmOptions), StandardCharsets.UTF_8);
    readableByAll(tmp);
    Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  static String kernelJson(Path dir, String displayName, KernelLaunch launch, List<String> jvmOptions) {
    List<String> argv = new ArrayList<>();
    argv.add(javaExecutable().toString());
    argv.addAll(jvmOptions);
    argv.addAll(launch.arguments(dir));
    ObjectNode spec = Json.object();
    argv.forEach(spec.putArray("argv")::add);
    spec.put("display_name", displayName);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    spec.putObject("env");
    spec.putObject("metadata").put("debugger", false);
    try {
      // laid out as Jupyter's own tools write kernel.json: one array element per line, "key": value
      DefaultPrettyPrinter layout = new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      layout.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      return Json.MAPPER.writer(layout).writeValueAsString(spec) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java binary of this JVM, absolute, so the kernel runs on the same Java as the installer. */
  public static Path javaExecutable() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toAbsolutePath();
  }

  /** The default JVM options of the kernel process: says what it is ({@code ps}), headless charts. */
  public static List<String> defaultJvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Djparallel.role=kernel", "-Djava.awt.headless=true"));
    options.addAll(io.jparallel.jvm.JvmOptions.defaults());
    return options;
  }

  /** Temp files are owner-only; a kernelspec (maybe system-wide) must be readable by everyone. */
  private static void readableByAll(Path p) throws IOException {
    if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void copyAtomically(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new IOException("jar not found: " + from);
    }
    Path tmp = Files.createTempFile(to.getParent(), "jpar", ".jar.tmp");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    readableByAll(tmp);
    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
