package io.jparallel.client.shipping;

import java.util.Optional;

/**
 * Something that knows the bytecode of classes it defined itself, typically a JShell
 * session ({@link ReplClasses}), so that those classes can be shipped to engines.
 * Sources register with {@link ClassSources}.
 */
public interface ClassBytesSource {

  /**
   * The class-file bytes of {@code className} (binary name, e.g. {@code REPL.$JShell$12}),
   * or empty if this source does not define it. Callers must not modify the array; a
   * source returns the same array until the class is redefined.
   */
  Optional<byte[]> bytesOf(String className);

  /**
   * Whether this source's classes are the ones {@code loader} sees. A JShell session
   * answers for its own class loader only, so two sessions with a {@code REPL.$JShell$3}
   * each are not confused.
   */
  default boolean serves(ClassLoader loader) {
    return true;
  }

  /** The live class of that name, if this source defined it and it is loaded. */
  default Optional<Class<?>> loadedClass(String className) {
    return Optional.empty();
  }
}
