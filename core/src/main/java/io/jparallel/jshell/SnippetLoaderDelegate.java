package io.jparallel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Where an in-process JShell (the session's, or an engine's) defines its snippet classes: a
 * loader whose parent is the JVM's {@link LibraryLoader}, so snippets see the jparallel API
 * however it was loaded (the JDK's default delegate uses the system loader) and every library
 * added at run time. Unlike JShell's default delegate it leaves the creating thread's context
 * class loader alone. Classes declared here are defined here first (child-first), which keeps
 * each JShell's {@code REPL.$Cancel$} its own.
 */
public final class SnippetLoaderDelegate implements LoaderDelegate {
  static final String CANCEL_CLASS = "REPL.$Cancel$";

  private final ReplLoader loader;
  private final LibraryLoader libraries;
  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

  public SnippetLoaderDelegate(LibraryLoader libraries) {
    this.libraries = libraries;
    this.loader = new ReplLoader(libraries);
    loader.declare(CANCEL_CLASS, cancelClassBytes());
  }

  /** The loader of snippet classes. */
  public ClassLoader loader() {
    return loader;
  }

  /** Its parent: the libraries added at run time, then the API. */
  public LibraryLoader libraries() {
    return libraries;
  }

  @Override
  public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
    boolean[] installed = new boolean[cbcs.length];
    try {
      for (ClassBytecodes c : cbcs) {
        loader.declare(c.name(), c.bytecodes());
      }
      for (int i = 0; i < cbcs.length; i++) {
        Class<?> k = loader.loadClass(cbcs[i].name());
        classes.put(cbcs[i].name(), k);
        installed[i] = true;
        k.getDeclaredMethods(); // link now, so errors surface here
      }
    } catch (Throwable t) {
      throw new ClassInstallException("load: " + t.getMessage(), installed);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] cbcs) {
    for (ClassBytecodes c : cbcs) {
      loader.declare(c.name(), c.bytecodes());
    }
  }

  /**
   * Nothing: {@link JShellRuntime#addToClasspath} adds to the {@link LibraryLoader} itself (so
   * a path given only to the compiler, such as the API's, stays out of it).
   */
  @Override
  public void addToClasspath(String path) {
    // see the javadoc
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> k = classes.get(name);
    if (k == null) {
      throw new ClassNotFoundException(name + " not found");
    }
    return k;
  }

  /** The stop flag's class of this loader (defined on first use). */
  Class<?> cancelClass() throws ClassNotFoundException {
    return loader.loadClass(CANCEL_CLASS);
  }

  private static byte[] cancelClassBytes() {
    String resource = CANCEL_CLASS.replace('.', '/') + ".class";
    try (InputStream in = SnippetLoaderDelegate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " beside " + SnippetLoaderDelegate.class.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }

  private static final class ReplLoader extends BytesClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    ReplLoader(ClassLoader parent) {
      super("jparallel-repl", parent);
    }

    void declare(String name, byte[] b) {
      bytes.put(name, b);
    }

    @Override
    protected byte[] bytesOf(String name) {
      return bytes.get(name);
    }
  }
}
