package io.jparallel.client.shipping;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs JShell snippets in this JVM and keeps every snippet class's bytecode (as JShell
 * produced it, before any instrumentation) so that lambdas and classes typed into the
 * session can be shipped to engines. Registers itself with {@link ClassSources#shared()}
 * until closed.
 */
public class ReplExecutionControl extends LocalExecutionControl implements ClassBytesSource {
  private final ReplLoaderDelegate delegate;
  private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();
  private final ThreadLocal<Object> lastValue = new ThreadLocal<>();
  private final ClassSources registry;
  private ClassLoader callerContextLoader;

  ReplExecutionControl(ReplLoaderDelegate delegate, ClassSources registry) {
    super(delegate);
    this.delegate = delegate;
    this.registry = registry;
    registry.register(this);
  }

  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    record(cbcs);
    super.load(cbcs);
  }

  /**
   * Records the new bytes only once the redefinition succeeded: in-process execution
   * cannot redefine classes (JShell then loads the snippet under a new class name, which
   * comes through {@link #load}), and the recorded bytes must match the live class.
   */
  @Override
  public void redefine(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.redefine(cbcs);
    record(cbcs);
  }

  private void record(ClassBytecodes[] cbcs) {
    for (ClassBytecodes cbc : cbcs) {
      bytecode.put(cbc.name(), cbc.bytecodes());
    }
  }

  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    try {
      Field field = findClass(className).getDeclaredField(varName);
      field.setAccessible(true);
      lastValue.set(field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new InternalException(e.toString());
    }
    return super.varValue(className, varName);
  }

  /**
   * The object a JShell variable holds (not its printed form). {@code shell} must be the
   * session this control executes for.
   */
  public Object valueOf(JShell shell, VarSnippet variable) {
    try {
      shell.varValue(variable);
      return lastValue.get();
    } finally {
      lastValue.remove();
    }
  }

  /** The live class of a snippet class (or of any class the session's loader has defined). */
  public Class<?> liveClass(String name) {
    try {
      return findClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class " + name + " in this JShell session", e);
    }
  }

  /** The loader that defines this session's snippet classes. */
  public ClassLoader classLoader() {
    return delegate.loader();
  }

  @Override
  public Optional<byte[]> bytesOf(String className) {
    return Optional.ofNullable(bytecode.get(className));
  }

  @Override
  public boolean serves(ClassLoader loader) {
    return loader == delegate.loader();
  }

  @Override
  public Optional<Class<?>> loadedClass(String className) {
    if (!bytecode.containsKey(className)) {
      return Optional.empty();
    }
    try {
      return Optional.of(findClass(className));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Snippets run with the session's loader as context class loader, as JShell's own
   * local execution does, without leaving it set on the caller's thread afterwards.
   */
  @Override
  protected void clientCodeEnter() {
    Thread caller = Thread.currentThread();
    callerContextLoader = caller.getContextClassLoader();
    caller.setContextClassLoader(delegate.loader());
    super.clientCodeEnter();
  }

  @Override
  protected void clientCodeLeave() {
    super.clientCodeLeave();
    Thread.currentThread().setContextClassLoader(callerContextLoader);
  }

  @Override
  public void close() {
    registry.unregister(this);
    super.close();
  }

  static ReplExecutionControl create(ClassLoader parent, ClassSources registry) {
    return new ReplExecutionControl(new ReplLoaderDelegate(parent), registry);
  }
}
