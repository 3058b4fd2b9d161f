package io.jparallel.client.shipping;

import io.jparallel.wire.ContentHash;
import io.jparallel.client.shipping.ClassFacts.MethodId;
import io.jparallel.client.shipping.FunctionSerializer.Serialized;
import io.jparallel.client.shipping.ShippingPlan.StaticField;
import io.jparallel.fn.Invocable;
import io.jparallel.fn.Wrapper;
import io.jparallel.serialize.PayloadWriter;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a function into what an engine that never saw its code needs to run it
 * ({@link ShippedFunction}). Thread-safe, and cheap for a function shipped again: a
 * lambda whose captured values are immutable is serialized and analysed once per object;
 * the class analysis is kept per capturing class until a registered source redefines one
 * of its classes. Statics are read anew on every call.
 */
public final class FunctionShipper {
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class,
      Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
      BigInteger.class, BigDecimal.class);

  private final ClassSources sources;
  /** Per lambda class (so entries die with REPL class loaders): lambda object -> prepared form. */
  private final ClassValue<Map<Object, Prepared>> prepared = new ClassValue<>() {
    @Override
    protected Map<Object, Prepared> computeValue(Class<?> lambdaClass) {
      return new WeakHashMap<>();
    }
  };
  /** Per capturing class: root class names -> plan. */
  private final ClassValue<Map<Set<String>, ShippingPlan>> plans = new ClassValue<>() {
    @Override
    protected Map<Set<String>, ShippingPlan> computeValue(Class<?> capturingClass) {
      return new ConcurrentHashMap<>();
    }
  };

  private record Prepared(byte[] bytes, String hash, Class<?> capturing, Set<String> roots, ShippingPlan plan,
      List<StaticField> statics) {}

  /** A shipper that finds class bytes through {@link ClassSources#shared()}. */
  public FunctionShipper() {
    this(ClassSources.shared());
  }

  public FunctionShipper(ClassSources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
  }

  /**
   * Serializes {@code fn}, lists the user classes it needs and snapshots the statics it
   * reads.
   *
   * @throws IllegalArgumentException if {@code fn} captures something not serializable, or
   *     reads a REPL variable (static) whose value cannot be sent; the message names it
   */
  public ShippedFunction ship(Invocable fn) {
    Prepared p = prepared(fn);
    return new ShippedFunction(p.bytes(), p.hash(), p.plan().classes(), snapshot(p.statics()));
  }

  /**
   * The classes {@code fn} needs (as {@link ShippedFunction#classes()}) plus the user classes
   * of values sent with it, such as a record typed into JShell and passed as an argument:
   * judged as the function's own classes are, so JDK and library classes never ship.
   */
  public List<ClassFile> classesFor(Invocable fn, Collection<Class<?>> valueClasses) {
    Prepared p = prepared(fn);
    Set<String> roots = null;
    for (Class<?> c : valueClasses) {
      String name = c.getName();
      if (!p.roots().contains(name) && !p.plan().ships(name) && !UserCode.isNeverShipped(name)) {
        if (roots == null) {
          roots = new LinkedHashSet<>(p.roots());
        }
        roots.add(name);
      }
    }
    return roots == null ? p.plan().classes() : planFor(p.capturing(), roots).classes();
  }

  private Prepared prepared(Invocable fn) {
    Objects.requireNonNull(fn, "fn");
    Prepared p = cached(fn);
    return p != null ? p : prepare(fn);
  }

  private Prepared cached(Invocable fn) {
    Map<Object, Prepared> byObject = prepared.get(fn.getClass());
    Prepared p;
    synchronized (byObject) {
      p = byObject.get(fn);
    }
    return p != null && p.plan().isCurrent() ? p : null;
  }

  private Prepared prepare(Invocable fn) {
    Serialized serialized = FunctionSerializer.serialize(fn);
    Invocable user = fn;
    while (user instanceof Wrapper w) { // a chunk of lv.chunkSize(n).map: it ships as the function it runs
      user = w.wrapped();
    }
    SerializedLambda own = user == fn ? serialized.lambda() : lambdaOf(user, serialized);
    ClassLoader loader = user.getClass().getClassLoader();
    Class<?> capturing = own == null ? user.getClass() : loadClass(ClassFacts.binaryName(own.getCapturingClass()), loader);

    Set<String> roots = new LinkedHashSet<>();
    roots.add(capturing.getName());
    for (SerializedLambda lambda : serialized.lambdas()) {
      roots.add(ClassFacts.binaryName(lambda.getCapturingClass()));
    }
    for (Class<?> c : serialized.classes()) {
      if (!c.isPrimitive() && c != SerializedLambda.class) {
        roots.add(c.getName());
      }
    }
    ShippingPlan plan = planFor(capturing, roots);

    Set<MethodId> entries = new LinkedHashSet<>();
    for (SerializedLambda lambda : serialized.lambdas()) {
      entries.add(new MethodId(ClassFacts.binaryName(lambda.getImplClass()),
          lambda.getImplMethodName() + lambda.getImplMethodSignature()));
    }
    for (Class<?> c : serialized.classes()) {
      entries.addAll(plan.methodsOf(c.getName())); // captured objects (and a non-lambda fn itself)
    }
    List<StaticField> statics = plan.staticsReadFrom(entries);

    Prepared p = new Prepared(serialized.bytes(), ContentHash.sha256Hex(serialized.bytes()), capturing, Set.copyOf(roots),
        plan, statics);
    if (own != null && capturesOnlyImmutables(own)) {
      Map<Object, Prepared> byObject = prepared.get(fn.getClass());
      synchronized (byObject) {
        byObject.put(fn, p);
      }
    }
    return p;
  }

  /** The lambda form of a wrapped function, if it is a lambda: the first one its wrapper's serialization wrote. */
  private static SerializedLambda lambdaOf(Invocable wrapped, Serialized serialized) {
    return wrapped.getClass().isSynthetic() && !serialized.lambdas().isEmpty() ? serialized.lambdas().get(0) : null;
  }

  private ShippingPlan planFor(Class<?> capturing, Set<String> roots) {
    Map<Set<String>, ShippingPlan> byRoots = plans.get(capturing);
    ShippingPlan plan = byRoots.get(roots);
    if (plan == null || !plan.isCurrent()) {
      plan = new ShippingPlan(new UserCode(capturing, sources), roots);
      byRoots.put(Set.copyOf(roots), plan);
    }
    return plan;
  }

  /** Mutable captured objects may change between submits, so such lambdas are serialized each time. */
  private static boolean capturesOnlyImmutables(SerializedLambda lambda) {
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
      Object arg = lambda.getCapturedArg(i);
      if (arg != null && !IMMUTABLE.contains(arg.getClass()) && !(arg instanceof Enum<?>)) {
        return false;
      }
    }
    return true;
  }

  private static List<StaticValue> snapshot(List<StaticField> statics) {
    if (statics.isEmpty()) {
      return List.of();
    }
    List<StaticValue> values = new ArrayList<>(statics.size());
    for (StaticField s : statics) {
      Object value;
      try {
        value = s.field().get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + StaticValue.describe(s.className(), s.fieldName()), e);
      }
      if (value != null && !(value instanceof Serializable) && !(value instanceof ByteBuffer)) {
        String why = PayloadWriter.notSendable(StaticValue.describe(s.className(), s.fieldName()), value.getClass());
        throw new IllegalArgumentException(why + (why.endsWith(")") ? "" : " (make it Serializable, or copy what the"
            + " lambda needs into a local variable or a Serializable value)"));
      }
      values.add(new StaticValue(s.className(), s.fieldName(), value));
    }
    return values;
  }

  private static Class<?> loadClass(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("capturing class " + name + " of a lambda is not visible from its loader", e);
    }
  }
}
