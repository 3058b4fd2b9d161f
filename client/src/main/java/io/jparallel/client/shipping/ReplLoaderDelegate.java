package io.jparallel.client.shipping;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Defines JShell's snippet classes in a {@link ReplClassLoader} whose parent is chosen by
 * the session (so snippets see the jparallel API however it was loaded). Unlike JShell's
 * default delegate it leaves the creating thread's context class loader alone.
 */
final class ReplLoaderDelegate implements LoaderDelegate {
  private final ReplClassLoader loader;
  private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

  ReplLoaderDelegate(ClassLoader parent) {
    this.loader = new ReplClassLoader(parent);
  }

  ReplClassLoader loader() {
    return loader;
  }

  @Override
  public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
    boolean[] installed = new boolean[cbcs.length];
    try {
      for (ClassBytecodes cbc : cbcs) {
        loader.declare(cbc.name(), cbc.bytecodes());
      }
      for (int i = 0; i < cbcs.length; i++) {
        Class<?> c = loader.loadClass(cbcs[i].name());
        loaded.put(c.getName(), c);
        installed[i] = true;
        c.getDeclaredMethods(); // link far enough to report bad class files now
      }
    } catch (Throwable e) {
      throw new ClassInstallException("load: " + e.getMessage(), installed);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] cbcs) {
    for (ClassBytecodes cbc : cbcs) {
      loader.declare(cbc.name(), cbc.bytecodes());
    }
  }

  @Override
  public void addToClasspath(String path) throws InternalException {
    try {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          loader.addURL(new File(entry).toURI().toURL());
        }
      }
    } catch (MalformedURLException e) {
      throw new InternalException(e.toString());
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> c = loaded.get(name);
    if (c == null) {
      throw new ClassNotFoundException(name + " not found");
    }
    return c;
  }

  /** Parent-first loader that defines declared snippet classes on demand. */
  static final class ReplClassLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    ReplClassLoader(ClassLoader parent) {
      super("jshell-repl", new URL[0], parent);
    }

    void declare(String name, byte[] bytes) {
      declared.put(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = declared.get(name);
      if (bytes == null) {
        return super.findClass(name);
      }
      return defineClass(name, bytes, 0, bytes.length, (ProtectionDomain) null);
    }

    @Override
    public void addURL(URL url) {
      super.addURL(url);
    }
  }
}
