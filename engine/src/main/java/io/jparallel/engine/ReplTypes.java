package io.jparallel.engine;

import java.io.Serializable;
import java.lang.constant.Constable;
import java.lang.constant.ConstantDesc;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The type a pushed value's JShell variable is declared with: the value's runtime class
 * when snippets can name it, otherwise the nearest public type they can: a public concrete
 * superclass, else the most specific public interface ({@code java.util.List} for
 * {@code List.of(..)}), else a public abstract superclass, else {@code Object}. Arrays
 * keep their dimension ({@code double[]}). Generic types are declared raw.
 */
final class ReplTypes {
  private static final Set<Class<?>> MARKERS = Set.of(
      Serializable.class, Cloneable.class, RandomAccess.class, Constable.class, ConstantDesc.class);

  private final ClassLoader replLoader;
  private final Predicate<Class<?>> replClassNamed;

  /**
   * @param replLoader the loader JShell's snippets resolve names through
   * @param replClassNamed whether a class defined by a snippet can be named by its simple name
   */
  ReplTypes(ClassLoader replLoader, Predicate<Class<?>> replClassNamed) {
    this.replLoader = replLoader;
    this.replClassNamed = replClassNamed;
  }

  String declaredType(Object value) {
    if (value == null) {
      return "Object";
    }
    String raw = typeName(value.getClass());
    return raw + typeArguments(raw, value);
  }

  /**
   * {@code <Integer>} for a collection whose elements share one class, {@code <String, Double>}
   * for such a map, so a pushed or scattered {@code List<Integer>} lets {@code x * x} compile.
   */
  private String typeArguments(String raw, Object value) {
    Class<?> declared;
    try {
      declared = Class.forName(raw, false, replLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return "";
    }
    int params = declared.getTypeParameters().length;
    if (value instanceof java.util.Collection<?> c && params == 1) {
      String e = common(c);
      return e == null ? "" : "<" + e + ">";
    }
    if (value instanceof java.util.Map<?, ?> m && params == 2) {
      String k = common(m.keySet());
      String v = common(m.values());
      return k == null || v == null ? "" : "<" + k + ", " + v + ">";
    }
    return "";
  }

  private String common(java.util.Collection<?> items) {
    Class<?> common = null;
    for (Object o : items) {
      if (o == null) {
        continue;
      }
      if (common == null) {
        common = o.getClass();
      } else if (common != o.getClass()) {
        return null;
      }
    }
    if (common == null || common.getTypeParameters().length > 0) {
      return null;
    }
    String name = typeName(common);
    return "Object".equals(name) ? null : name;
  }

  String typeName(Class<?> c) {
    if (c.isArray()) {
      Class<?> e = c.getComponentType();
      return (e.isPrimitive() ? e.getName() : typeName(e)) + "[]";
    }
    if (nameable(c)) {
      return name(c);
    }
    for (Class<?> s = c.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
      if (!Modifier.isAbstract(s.getModifiers()) && nameable(s)) {
        return name(s);
      }
    }
    List<Class<?>> interfaces = new ArrayList<>();
    for (Class<?> i : allInterfaces(c)) {
      if (!MARKERS.contains(i) && nameable(i)) {
        interfaces.add(i);
      }
    }
    Class<?> best = null;
    for (Class<?> i : interfaces) {
      boolean mostSpecific = interfaces.stream().noneMatch(j -> j != i && i.isAssignableFrom(j));
      if (mostSpecific && (best == null || allInterfaces(i).size() > allInterfaces(best).size())) {
        best = i;
      }
    }
    if (best != null) {
      return name(best);
    }
    for (Class<?> s = c.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
      if (nameable(s)) {
        return name(s);
      }
    }
    return "Object";
  }

  private String name(Class<?> c) {
    return isReplClass(c) ? c.getSimpleName() : c.getCanonicalName();
  }

  private static boolean isReplClass(Class<?> c) {
    return c.getName().startsWith("REPL.");
  }

  private boolean nameable(Class<?> c) {
    if (c.isHidden() || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || c.getCanonicalName() == null) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    if (isReplClass(c)) {
      return replClassNamed.test(c);
    }
    if (!c.getModule().isExported(c.getPackageName())) {
      return false;
    }
    try {
      return Class.forName(c.getName(), false, replLoader) == c;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Set<Class<?>> allInterfaces(Class<?> c) {
    Set<Class<?>> out = new LinkedHashSet<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      collect(k, out);
    }
    return out;
  }

  private static void collect(Class<?> k, Set<Class<?>> out) {
    for (Class<?> i : k.getInterfaces()) {
      if (out.add(i)) {
        collect(i, out);
      }
    }
  }
}
