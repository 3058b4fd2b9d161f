package io.jparallel.client.shipping;

import io.jparallel.fn.Invocable;
import io.jparallel.jshell.JShellRuntime;
import io.jparallel.jshell.LibraryLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;

/**
 * A session's in-process JShell (core's {@link JShellRuntime}) whose snippets see the jparallel
 * API and whose classes can be shipped to engines: its {@link ReplClasses} are registered with
 * {@link ClassSources#shared()} until it is closed.
 */
public record ReplJShell(JShellRuntime runtime, ReplClasses control) implements AutoCloseable {

  /** A session with the API (and the launch class path) visible to snippets. */
  public static ReplJShell create() {
    return create(List.of(), builder -> { });
  }

  /**
   * A session whose snippets also see {@code userClassPath} (jars or directories, as with
   * {@code /env --class-path}); {@code configure} may set streams, ids and the like.
   */
  public static ReplJShell create(List<Path> userClassPath, Consumer<JShell.Builder> configure) {
    JShellRuntime runtime = JShellRuntime.builder(new LibraryLoader(ReplJShell.class.getClassLoader()))
        .api(Invocable.class, ReplJShell.class)
        .configure(configure)
        .build();
    runtime.addToClasspath(userClassPath);
    ReplClasses classes = new ReplClasses(runtime.control());
    ClassSources.shared().register(classes);
    return new ReplJShell(runtime, classes);
  }

  public JShell shell() {
    return runtime.shell();
  }

  /** The object held by the active JShell variable {@code name}. */
  public Object valueOf(String name) {
    return runtime.variable(name).map(runtime::valueOf)
        .orElseThrow(() -> new NoSuchElementException("no active JShell variable '" + name + "'"));
  }

  /** The object held by a JShell variable. */
  public Object valueOf(VarSnippet variable) {
    return runtime.valueOf(variable);
  }

  @Override
  public void close() {
    ClassSources.shared().unregister(control);
    runtime.close();
  }
}
