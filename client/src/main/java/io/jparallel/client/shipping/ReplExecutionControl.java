package io.jparallel.client.shipping;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.jparallel.jshell.SnippetLoaderDelegate;
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
  private final SnippetLoaderDelegate delegate;
  private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();
  private final ThreadLocal<Object> lastValue = new ThreadLocal<>();
  private final ClassSources registry;
  private ClassLoader callerContextLoader;

  ReplExecutionControl(SnippetLoaderDelegate delegate, ClassSources registry) {
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

  /** Snippet threads, and the threads they start, live here: not under JShell's group. */
  private static final ThreadGroup SNIPPETS = new ThreadGroup(rootGroup(), "jshell-snippets");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private volatile Thread running;
  private volatile boolean stopRequested;
  private volatile long lastCpuNanos;
  private volatile long lastUserNanos;

  /**
   * Runs a snippet on a thread of its own and waits for that thread only. JShell's local
   * execution joins every thread of its thread group, so a snippet that starts a cluster (whose
   * I/O threads live on) would never return; and its stop uses ThreadGroup.stop, gone in JDK 20.
   */
  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(SNIPPETS, () -> {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long user0 = THREADS.getCurrentThreadUserTime();
      try {
        result[0] = doitMethod.invoke(null);
      } catch (Throwable e) {
        failure[0] = e;
      } finally {
        lastCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
        lastUserNanos = THREADS.getCurrentThreadUserTime() - user0;
      }
    }, "jshell-snippet");
    t.setDaemon(true);
    t.setContextClassLoader(delegate.loader());
    stopRequested = false;
    running = t;
    try {
      t.start();
      t.join();
    } finally {
      running = null;
    }
    Throwable f = failure[0];
    if (stopRequested || f instanceof ThreadDeath
        || (f instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath)) {
      throw new StoppedException();
    }
    if (f instanceof InvocationTargetException ite) {
      throw ite;
    }
    if (f instanceof Exception e) {
      throw e;
    }
    if (f != null) {
      throw new InvocationTargetException(f);
    }
    return valueString(result[0]);
  }

  /**
   * Stops the running snippet: interrupts it, lets newer JDKs' JShell cancel its loops, and
   * where the JDK still allows it (17 to 19) stops a thread that ignores both.
   */
  @Override
  public void stop() {
    Thread t = running;
    if (t == null) {
      return;
    }
    stopRequested = true;
    t.interrupt();
    try {
      super.stop();
    } catch (Exception | Error e) {
      // JDK 17-19 stop only JShell's own thread group, which we do not use
    }
    try {
      t.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      try {
        stopThread(t);
      } catch (UnsupportedOperationException e) {
        // JDK 20+: a snippet that ignores interrupts keeps running in the background
      }
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stopThread(Thread t) {
    t.stop();
  }

  /** Whether a snippet is running now. */
  public boolean busy() {
    return running != null;
  }

  /** CPU and user time of the last snippet's thread, in nanoseconds. */
  public long lastCpuNanos() {
    return lastCpuNanos;
  }

  public long lastUserNanos() {
    return lastUserNanos;
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup g = Thread.currentThread().getThreadGroup();
    while (g.getParent() != null) {
      g = g.getParent();
    }
    return g;
  }

  @Override
  public void close() {
    registry.unregister(this);
    super.close();
  }

  static ReplExecutionControl create(ClassLoader parent, ClassSources registry) {
    return new ReplExecutionControl(new SnippetLoaderDelegate(parent), registry);
  }
}
