package io.jparallel.engine;

import io.jparallel.jshell.BytesClassLoader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines one set of shipped classes (child-first for exactly those names) over the
 * engine's {@code LibraryLoader}, which sees the session's libraries, {@code io.jparallel.*}
 * and the JDK. Also caches, per
 * loader, the static fields that task snapshots set and the deserialized stateless
 * functions, so that the hot path does no reflection lookups after the first task.
 */
final class ClassSetLoader extends BytesClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> definitions;
  private final Map<String, Field> statics = new ConcurrentHashMap<>();
  private final Map<String, Object> functions = new ConcurrentHashMap<>();

  ClassSetLoader(Map<String, byte[]> definitions, ClassLoader parent) {
    super("jparallel-shipped", parent);
    this.definitions = Map.copyOf(definitions);
  }

  boolean defines(String name) {
    return definitions.containsKey(name);
  }

  /** Shipped names, except the JDK's and the engine's own API (other io.jparallel classes, of tests or tools, ship). */
  @Override
  protected boolean definesFirst(String name) {
    if (bytesOf(name) == null) {
      return false;
    }
    if (name.startsWith("io.jparallel.")) {
      try {
        getParent().loadClass(name);
        return false;
      } catch (ClassNotFoundException e) {
        return true; // not on the engine's class path: define the shipped bytes
      }
    }
    return true;
  }

  @Override
  protected byte[] bytesOf(String name) {
    return isProtected(name) ? null : definitions.get(name);
  }

  /** The JDK must come from the engine's loader. */
  private static boolean isProtected(String name) {
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.");
  }

  /** A static field of a class seen through this loader, made accessible once and cached. */
  Field staticField(String className, String fieldName) throws ReflectiveOperationException {
    String key = className + '#' + fieldName;
    Field f = statics.get(key);
    if (f != null) {
      return f;
    }
    Class<?> c = Class.forName(className, false, this);
    f = c.getDeclaredField(fieldName);
    if (!Modifier.isStatic(f.getModifiers())) {
      throw new NoSuchFieldException(className + "." + fieldName + " is not static");
    }
    if (Modifier.isFinal(f.getModifiers())) {
      throw new IllegalAccessException(className + "." + fieldName + " is final and cannot be set");
    }
    f.setAccessible(true);
    statics.put(key, f);
    return f;
  }

  Object cachedFunction(String fnHash) {
    return fnHash == null ? null : functions.get(fnHash);
  }

  void cacheFunction(String fnHash, Object fn) {
    if (fnHash != null && functions.size() < 4096) {
      functions.put(fnHash, fn);
    }
  }
}
