package io.jparallel.jshell;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Where an in-process JShell (the session's, or an engine's) defines its snippet classes: a
 * loader whose parent the caller chooses, so snippets see the jparallel API however it was
 * loaded (the JDK's default delegate uses the system loader) and, unlike JShell's default
 * delegate, leaves the creating thread's context class loader alone.
 */
public final class SnippetLoaderDelegate implements LoaderDelegate {
  private final ReplLoader loader;
  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

  public SnippetLoaderDelegate(ClassLoader parent) {
    this.loader = new ReplLoader(parent);
  }

  public ClassLoader loader() {
    return loader;
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

  @Override
  public void addToClasspath(String path) throws EngineTerminationException, InternalException {
    try {
      for (String p : path.split(java.io.File.pathSeparator)) {
        if (!p.isBlank()) {
          loader.addURL(Path.of(p).toUri().toURL());
        }
      }
    } catch (MalformedURLException | RuntimeException e) {
      throw new InternalException("bad class path " + path + ": " + e.getMessage());
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> k = classes.get(name);
    if (k == null) {
      throw new ClassNotFoundException(name + " not found");
    }
    return k;
  }

  private static final class ReplLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    private static final ProtectionDomain DOMAIN =
        new ProtectionDomain(new CodeSource(null, (Certificate[]) null), null);
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

    ReplLoader(ClassLoader parent) {
      super("jparallel-repl", new URL[0], parent);
    }

    void declare(String name, byte[] b) {
      bytes.put(name, b);
    }

    @Override
    protected void addURL(URL url) {
      super.addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytes.get(name);
      if (b == null) {
        return super.findClass(name);
      }
      return defineClass(name, b, 0, b.length, DOMAIN);
    }
  }
}
