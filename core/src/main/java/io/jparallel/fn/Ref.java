package io.jparallel.fn;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * A serializable handle to a variable of an engine's namespace, as IPython parallel's
 * {@code Reference}: passed as an argument (or captured by a lambda), its {@link #get()} on an
 * engine returns that engine's variable, e.g. the part {@code dv.scatter("chunk", xs)} left there:
 * <pre>
 * dv.apply(r -&gt; ((List&lt;?&gt;) r.get()).size(), Ref.of("chunk"))   // one size per engine
 * </pre>
 * Only the name travels; each engine resolves it in its own JShell when the task calls
 * {@code get()}, so it sees what {@code dv.push}, {@code dv.scatter} and {@code %px} code set there.
 *
 * @param <T> the variable's type, as the caller expects it
 */
public final class Ref<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static volatile Function<String, Object> namespace;

  private final String name;

  private Ref(String name) {
    this.name = name;
  }

  /** A handle to the engine-side variable {@code name} (a Java identifier). */
  public static <T> Ref<T> of(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
        || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
      throw new IllegalArgumentException("'" + name + "' is not a Java variable name");
    }
    return new Ref<>(name);
  }

  public String name() {
    return name;
  }

  /**
   * The variable's value in this engine's namespace.
   *
   * @throws java.util.NoSuchElementException if the engine has no such variable
   * @throws IllegalStateException outside an engine (the session's own variables need no Ref)
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Function<String, Object> ns = namespace;
    if (ns == null) {
      throw new IllegalStateException(this + ".get() reads an engine's namespace: pass the Ref to a task"
          + " (dv.apply(r -> ..., Ref.of(\"" + name + "\"))); here use " + name + " itself");
    }
    return (T) ns.apply(name);
  }

  /**
   * Where {@link #get()} looks names up in this JVM: an engine installs its JShell's namespace
   * once at start ({@code lookup} throws {@link java.util.NoSuchElementException} for an unknown name).
   */
  public static void resolveIn(Function<String, Object> lookup) {
    namespace = Objects.requireNonNull(lookup, "lookup");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ref<?> r && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "Ref(" + name + ")";
  }
}
