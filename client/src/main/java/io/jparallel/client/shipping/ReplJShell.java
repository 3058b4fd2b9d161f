package io.jparallel.client.shipping;

import io.jparallel.fn.Invocable;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;

/**
 * An in-process JShell whose snippets see the jparallel API and whose classes can be
 * shipped to engines, with its {@link ReplExecutionControl}. Closing it closes the JShell,
 * which unregisters the control from {@link ClassSources#shared()}.
 */
public record ReplJShell(JShell shell, ReplExecutionControl control) implements AutoCloseable {

  /** A session with the API (and the launch class path) visible to snippets. */
  public static ReplJShell create() {
    return create(List.of(), builder -> { });
  }

  /**
   * A session whose snippets also see {@code userClassPath} (jars or directories, as with
   * {@code /env --class-path}); {@code configure} may set streams, ids and the like.
   */
  public static ReplJShell create(List<Path> userClassPath, Consumer<JShell.Builder> configure) {
    ReplExecutionControlProvider provider = new ReplExecutionControlProvider();
    JShell.Builder builder = JShell.builder()
        .executionEngine(provider, Map.of())
        .compilerOptions("--class-path", String.join(File.pathSeparator, compilerClassPath()));
    configure.accept(builder);
    JShell shell = builder.build();
    for (Path entry : userClassPath) {
      shell.addToClasspath(entry.toString());
    }
    return new ReplJShell(shell, provider.control());
  }

  /** The object held by the active JShell variable {@code name}. */
  public Object valueOf(String name) {
    VarSnippet variable = shell.variables()
        .filter(v -> v.name().equals(name) && shell.status(v).isActive())
        .reduce((first, later) -> later)
        .orElseThrow(() -> new NoSuchElementException("no active JShell variable '" + name + "'"));
    return valueOf(variable);
  }

  /** The object held by a JShell variable. */
  public Object valueOf(VarSnippet variable) {
    return control.valueOf(shell, variable);
  }

  @Override
  public void close() {
    shell.close();
  }

  /** The API's code sources, then the launch class path: what snippets compile against. */
  static List<String> compilerClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(codeSource(Invocable.class));
    entries.add(codeSource(ReplJShell.class));
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    entries.remove(null);
    return List.copyOf(entries);
  }

  private static String codeSource(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
