package io.jparallel.client.shipping;

import io.jparallel.client.shipping.ClassFacts.FieldRef;
import io.jparallel.client.shipping.ClassFacts.MethodId;
import io.jparallel.client.shipping.ClassFacts.MethodRef;
import io.jparallel.jshell.JShellNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes to ship for one capturing class (plus the user classes of objects a
 * function captured): the capturing class and, transitively through constant pools and
 * descriptors, every user class they refer to. Also answers which statics the code
 * reachable from given entry methods reads. Stays valid while the registered sources
 * still hold the same bytes for its classes.
 */
final class ShippingPlan {
  private static final int ACC_SYNTHETIC = 0x1000;

  private final UserCode userCode;
  private final Map<String, ClassFacts> facts = new LinkedHashMap<>();
  private final Map<String, UserCode.Found> found = new LinkedHashMap<>();
  private final List<ClassFile> classes;
  private final Map<Set<MethodId>, List<StaticField>> staticsByEntries = new ConcurrentHashMap<>();

  /** A static field to snapshot, with the live field to read it from. */
  record StaticField(String className, String fieldName, Field field) {}

  ShippingPlan(UserCode userCode, Collection<String> roots) {
    this.userCode = userCode;
    Deque<String> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (found.containsKey(name)) {
        continue;
      }
      userCode.find(name).ifPresent(f -> {
        found.put(name, f);
        ClassFacts scanned = ClassFacts.scan(f.bytes());
        facts.put(name, scanned);
        pending.addAll(scanned.referencedClasses);
      });
    }
    List<ClassFile> files = new ArrayList<>(found.size());
    found.forEach((name, f) -> files.add(ClassFile.of(name, f.bytes())));
    this.classes = List.copyOf(files);
  }

  List<ClassFile> classes() {
    return classes;
  }

  boolean ships(String className) {
    return found.containsKey(className);
  }

  /** Every method of a shipped class; none if it does not ship. */
  Set<MethodId> methodsOf(String className) {
    ClassFacts c = facts.get(className);
    if (c == null) {
      return Set.of();
    }
    Set<MethodId> methods = new HashSet<>();
    c.methods.keySet().forEach(key -> methods.add(new MethodId(className, key)));
    return methods;
  }

  /** False once a source holds other bytes for one of the classes (a REPL redefinition). */
  boolean isCurrent() {
    for (Map.Entry<String, UserCode.Found> e : found.entrySet()) {
      ClassBytesSource source = e.getValue().source();
      if (source != null && source.bytesOf(e.getKey()).orElse(null) != e.getValue().bytes()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The non-final statics of session-defined classes (those a {@link ClassBytesSource}
   * holds) that code reachable from {@code entries} reads. Reachable: the entries, the
   * methods they call or make lambdas of within shipped classes, transitively, and every
   * method of a shipped session class that is not a JShell wrapper (records, classes,
   * interfaces typed into the REPL), since virtual calls may land in any of them.
   */
  List<StaticField> staticsReadFrom(Set<MethodId> entries) {
    return staticsByEntries.computeIfAbsent(Set.copyOf(entries), this::walk);
  }

  private List<StaticField> walk(Set<MethodId> entries) {
    Deque<MethodId> pending = new ArrayDeque<>(entries);
    facts.forEach((name, c) -> {
      if (found.get(name).source() != null && !JShellNames.isWrapper(name)) {
        c.methods.keySet().forEach(key -> pending.add(new MethodId(name, key)));
      }
    });
    Set<MethodId> visited = new HashSet<>();
    Set<FieldRef> reads = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      MethodId method = pending.removeFirst();
      ClassFacts owner = facts.get(method.owner());
      ClassFacts.MethodFacts code = owner == null ? null : owner.methods.get(method.key());
      if (code == null || !visited.add(method)) {
        continue;
      }
      reads.addAll(code.staticReads());
      for (MethodRef call : code.calls()) {
        if (facts.containsKey(call.owner())) {
          MethodId target = ClassFacts.resolveMethod(facts, call.owner(), call.key());
          if (target != null) {
            pending.add(target);
          }
        }
      }
    }
    List<StaticField> statics = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (FieldRef read : reads) {
      ClassFacts declaring = ClassFacts.resolveField(facts, read.owner(), read.name());
      if (declaring != null && isSnapshotted(declaring, read.name())
          && seen.add(declaring.name + "." + read.name())) {
        statics.add(new StaticField(declaring.name, read.name(), liveField(declaring.name, read.name())));
      }
    }
    return List.copyOf(statics);
  }

  private boolean isSnapshotted(ClassFacts declaring, String field) {
    int access = declaring.fieldAccess.get(field);
    return found.get(declaring.name).source() != null
        && (access & Modifier.STATIC) != 0
        && (access & (Modifier.FINAL | ACC_SYNTHETIC)) == 0;
  }

  private Field liveField(String className, String fieldName) {
    try {
      Optional<Class<?>> loaded = found.get(className).source().loadedClass(className);
      Class<?> live = loaded.isPresent() ? loaded.get() : Class.forName(className, false, userCode.loader());
      Field field = live.getDeclaredField(fieldName);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read static field " + className + "." + fieldName, e);
    }
  }
}
