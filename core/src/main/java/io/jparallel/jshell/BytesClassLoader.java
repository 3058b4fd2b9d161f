package io.jparallel.jshell;

import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;

/**
 * A loader that defines classes from bytes it holds (JShell snippets, classes shipped with a
 * task), before asking its parent for exactly those names, in a protection domain without a
 * code source. Every other name is the parent's.
 */
public abstract class BytesClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final ProtectionDomain DOMAIN =
      new ProtectionDomain(new CodeSource(null, (Certificate[]) null), null);

  protected BytesClassLoader(String name, ClassLoader parent) {
    super(name, parent);
  }

  /** The class file of {@code name} if this loader defines it, else null. */
  protected abstract byte[] bytesOf(String name);

  /** Whether {@code name} is defined here rather than by the parent: by default, when there are bytes for it. */
  protected boolean definesFirst(String name) {
    return bytesOf(name) != null;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!definesFirst(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] b = bytesOf(name);
    if (b == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, b, 0, b.length, DOMAIN);
  }
}
