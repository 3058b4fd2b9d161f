package io.jparallel.client.shipping;

import io.jparallel.jshell.SnippetExecutionControl;
import java.util.Optional;

/**
 * The snippet classes of one in-process JShell as a {@link ClassBytesSource}: their bytecode
 * as javac produced it and their live classes, from the JShell's
 * {@link SnippetExecutionControl}. Serves that JShell's loader only.
 */
public final class ReplClasses implements ClassBytesSource {
  private final SnippetExecutionControl control;

  ReplClasses(SnippetExecutionControl control) {
    this.control = control;
  }

  @Override
  public Optional<byte[]> bytesOf(String className) {
    return control.bytesOf(className);
  }

  @Override
  public boolean serves(ClassLoader loader) {
    return loader == control.classLoader();
  }

  @Override
  public Optional<Class<?>> loadedClass(String className) {
    return control.definedClass(className);
  }

  /** The live class of a snippet class (or of any class the session's loader has defined). */
  public Class<?> liveClass(String name) {
    return control.liveClass(name);
  }

  /** The loader that defines the session's snippet classes. */
  public ClassLoader classLoader() {
    return control.classLoader();
  }
}
