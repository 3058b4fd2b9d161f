package io.jparallel.serialize;

import io.jparallel.jshell.LibraryLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java deserialization for payloads of verified messages only, by an allow-list: JDK value
 * types (boxed primitives, strings, big numbers, {@code java.time}, the JDK's collections and
 * their immutable and unmodifiable forms, lambdas' {@code SerializedLambda}), jparallel's own
 * classes, the session's shipped classes ({@link #allowShipped}), classes of the libraries the
 * session added (those a {@link LibraryLoader} defines), and arrays of these. Any
 * other class is refused when its descriptor is read, before an instance exists. The filter
 * also bounds depth, references and size, and a hash-collection bomb (nested sets whose
 * {@code hashCode} costs 2^depth) is refused as soon as a collection's hashing cost passes
 * {@link #MAX_HASH_COST}, before its parent hashes it. Classes resolve through the given
 * loader (the engine's or client's session loader).
 */
public final class SafeObjectInput extends ObjectInputStream {
  static final long MAX_DEPTH = 1000;
  static final long MAX_REFERENCES = 50_000_000L;
  /** Elements visited to hash one collection (the cost of its {@code hashCode}); above it, refused. */
  static final long MAX_HASH_COST = 10_000_000L;

  private static final Set<String> JDK = Set.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
      "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
      "java.lang.Enum", "java.lang.Object", "java.lang.invoke.SerializedLambda", "java.lang.StackTraceElement",
      "java.math.BigInteger", "java.math.BigDecimal", "java.math.MathContext", "java.math.RoundingMode",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Vector", "java.util.Stack",
      "java.util.PriorityQueue", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
      "java.util.IdentityHashMap", "java.util.Hashtable", "java.util.EnumMap", "java.util.HashSet",
      "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet$SerializationProxy", "java.util.EnumSet",
      "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.BitSet",
      "java.util.Map$Entry", "java.util.Date", "java.util.UUID", "java.util.Locale", "java.util.Currency", "java.util.OptionalInt",
      "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry", "java.util.Arrays$ArrayList",
      "java.util.CollSer", "java.util.ImmutableCollections$CollSer", "java.util.ImmutableCollections$ListN",
      "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$SetN",
      "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$MapN",
      "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$SubList", "java.util.Collections$EmptyList", "java.util.Collections$EmptySet",
      "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
      "java.util.Collections$SingletonMap", "java.util.Collections$UnmodifiableCollection",
      "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
      "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedSet",
      "java.util.Collections$UnmodifiableNavigableSet", "java.util.Collections$UnmodifiableMap",
      "java.util.Collections$UnmodifiableSortedMap", "java.util.Collections$UnmodifiableNavigableMap",
      "java.util.Collections$SynchronizedCollection", "java.util.Collections$SynchronizedList",
      "java.util.Collections$SynchronizedRandomAccessList", "java.util.Collections$SynchronizedSet",
      "java.util.Collections$SynchronizedMap", "java.util.Collections$ReverseComparator",
      "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
      "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$Sync",
      "java.util.concurrent.locks.ReentrantLock$NonfairSync", "java.util.concurrent.locks.AbstractQueuedSynchronizer",
      "java.util.concurrent.locks.AbstractOwnableSynchronizer",
      "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.ConcurrentLinkedQueue",
      "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
      "java.util.concurrent.atomic.AtomicBoolean", "java.time.Ser", "java.time.zone.Ser", "java.net.URI",
      "java.util.Random", "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
      "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.ArithmeticException",
      "java.util.Collections$EmptyIterator");
  private static final Set<String> SHIPPED = ConcurrentHashMap.newKeySet();

  private final ClassLoader loader;
  private final IdentityHashMap<Object, Long> hashCost = new IdentityHashMap<>();
  private String refused;

  private SafeObjectInput(InputStream in, ClassLoader loader) throws IOException {
    super(in);
    this.loader = loader;
    setObjectInputFilter(info -> {
      ObjectInputFilter.Status status = check(info);
      if (status == ObjectInputFilter.Status.REJECTED && refused == null) {
        refused = info.serialClass() != null ? info.serialClass().getName()
            : "a value past the limits (depth " + info.depth() + ", references " + info.references() + ")";
      }
      return status;
    });
    enableResolveObject(true);
  }

  /** Allows a class the session shipped (engines: from {@code load_classes}; clients: what they pushed). */
  public static void allowShipped(String className) {
    SHIPPED.add(className);
  }

  /** Whether a class may be deserialized: the allow-list, and arrays of what it allows. */
  public static boolean allowed(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive()) {
      return true;
    }
    if (c.isHidden()) {
      return true; // a lambda's class, made by its (allowed) capturing class from a SerializedLambda
    }
    String n = c.getName();
    return JDK.contains(n) || SHIPPED.contains(n) || n.startsWith("io.jparallel.")
        || c.getClassLoader() instanceof LibraryLoader // the session's libraries (%maven, %classpath, addJars)
        || (n.startsWith("java.time.") && c.getModule() == Object.class.getModule()) // values, made only by their Ser
        || (c.isEnum() && c.getModule().isNamed() && n.startsWith("java."));
  }

  static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
    if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > (1L << 31)) {
      return ObjectInputFilter.Status.REJECTED;
    }
    Class<?> c = info.serialClass();
    if (c != null && !allowed(c)) {
      return ObjectInputFilter.Status.REJECTED;
    }
    return c == null ? ObjectInputFilter.Status.UNDECIDED : ObjectInputFilter.Status.ALLOWED;
  }

  public static Object read(byte[] bytes, ClassLoader loader) throws IOException {
    SafeObjectInput in = new SafeObjectInput(new ByteArrayInputStream(bytes), loader);
    try (in) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("class " + e.getMessage() + " is not known here", e);
    } catch (InvalidClassException e) {
      throw new IOException("refused to deserialize " + (in.refused != null ? in.refused : "a value")
          + ": only JDK value types, jparallel's and the session's shipped classes and libraries (and arrays of"
          + " these) are"
          + " allowed", e);
    }
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
    if (loader != null) {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        // fall through to primitives and the default resolution
      }
    }
    return super.resolveClass(desc);
  }

  /**
   * Called for each object once it is read, before its container uses it: a collection whose
   * hashing would visit more than {@link #MAX_HASH_COST} elements is refused here.
   */
  @Override
  protected Object resolveObject(Object obj) throws IOException {
    if (obj instanceof Collection<?> || obj instanceof Map<?, ?>) {
      long cost = 1;
      Iterable<?> parts = obj instanceof Map<?, ?> m ? m.entrySet() : (Collection<?>) obj;
      for (Object e : parts) {
        if (e instanceof Map.Entry<?, ?> en) {
          cost += costOf(en.getKey()) + costOf(en.getValue());
        } else {
          cost += costOf(e);
        }
        if (cost > MAX_HASH_COST) {
          throw new InvalidObjectException("refused a nested collection whose hashing would visit more than "
              + MAX_HASH_COST + " elements (a hash-collision or nesting bomb)");
        }
      }
      if (cost > 1) {
        hashCost.put(obj, cost);
      }
    }
    return obj;
  }

  private long costOf(Object o) {
    if (!(o instanceof Collection<?>) && !(o instanceof Map<?, ?>)) {
      return 1;
    }
    Long c = hashCost.get(o);
    return c == null ? 1 : c;
  }
}
