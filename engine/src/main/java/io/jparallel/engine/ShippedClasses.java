package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.ContentHash;
import io.jparallel.serialize.SafeObjectInput;
import io.jparallel.wire.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's class store: class files received in {@code load_classes} messages, kept by
 * their SHA-256 hash (checked against the bytes), and the loaders built from them, one per
 * set of (name, hash) pairs, so that a class redefined in the client's REPL gets a fresh
 * loader while a task that lists the same set reuses the same loader and its caches.
 */
final class ShippedClasses {
  /** One class file. */
  record ShippedClass(String name, String hash, byte[] bytes) {}

  /** A class a task needs. */
  record ClassRef(String name, String hash) {}

  private static final int MAX_LOADERS = 64;

  private final ClassLoader parent;
  private final Map<String, ShippedClass> byHash = new ConcurrentHashMap<>();
  private final Map<String, ClassSetLoader> loaders = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ClassSetLoader> eldest) {
      return size() > MAX_LOADERS;
    }
  };
  private final ClassSetLoader empty;

  ShippedClasses(ClassLoader parent) {
    this.parent = parent;
    this.empty = new ClassSetLoader(Map.of(), parent);
  }

  /**
   * Stores the classes of a {@code load_classes} message; returns problems (bad hash,
   * missing buffer) as one line each, for the log.
   */
  List<String> load(Message m) {
    List<String> problems = new ArrayList<>();
    int signed = m.signedBuffers();
    for (JsonNode c : m.content().path("classes")) {
      String name = c.path("name").asText("");
      String hash = c.path("hash").asText("");
      int s = c.path("s").asInt(-1);
      if (name.isEmpty() || s < 0 || s >= signed) {
        problems.add("class entry " + c + " has no name or no signed buffer");
        continue;
      }
      byte[] bytes = m.buffers().get(s);
      String actual = sha256(bytes);
      if (!actual.equalsIgnoreCase(hash)) {
        problems.add("class " + name + ": hash " + hash + " does not match its bytes (" + actual + ")");
        continue;
      }
      byHash.put(actual, new ShippedClass(name, actual, bytes));
      SafeObjectInput.allowShipped(name); // the session's classes may be deserialized
    }
    return problems;
  }

  boolean has(String hash) {
    return byHash.containsKey(hash.toLowerCase());
  }

  /** The loader for a task's class list; throws if a class has not been received. */
  ClassSetLoader loaderFor(List<ClassRef> refs) throws MissingClassException {
    if (refs.isEmpty()) {
      return empty;
    }
    List<ClassRef> sorted = new ArrayList<>(refs);
    sorted.sort(Comparator.comparing(ClassRef::name).thenComparing(ClassRef::hash));
    StringBuilder key = new StringBuilder(sorted.size() * 96);
    for (ClassRef r : sorted) {
      key.append(r.name()).append('=').append(r.hash()).append(';');
    }
    String k = key.toString();
    synchronized (loaders) {
      ClassSetLoader l = loaders.get(k);
      if (l != null) {
        return l;
      }
    }
    Map<String, byte[]> defs = new LinkedHashMap<>();
    for (ClassRef r : sorted) {
      ShippedClass c = byHash.get(r.hash().toLowerCase());
      if (c == null) {
        throw new MissingClassException("class " + r.name() + " (hash " + r.hash()
            + ") was not sent to this engine before the task that needs it");
      }
      defs.put(r.name(), c.bytes());
    }
    ClassSetLoader l = new ClassSetLoader(defs, parent);
    synchronized (loaders) {
      ClassSetLoader raced = loaders.putIfAbsent(k, l);
      return raced != null ? raced : l;
    }
  }

  static String sha256(byte[] bytes) {
    return ContentHash.sha256Hex(bytes);
  }

  /** A task lists a class hash the engine has not received. */
  static final class MissingClassException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingClassException(String message) {
      super(message);
    }
  }
}
