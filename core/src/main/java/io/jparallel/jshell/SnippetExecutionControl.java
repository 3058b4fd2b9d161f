package io.jparallel.jshell;

import io.jparallel.timing.ThreadCpu;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * How an in-process JShell (the session's or an engine's) runs snippets: JShell's
 * {@link LocalExecutionControl} with the snippet loader of a {@link SnippetLoaderDelegate},
 * plus what jparallel needs of it:
 * <ul>
 *   <li>every snippet class's bytecode as javac produced it (before the JDK's stop-check
 *       instrumentation), so lambdas and classes typed into a session can ship to engines;</li>
 *   <li>the wrapper class of a variable ({@link #wrapperClassOf}), so callers read and write
 *       the real objects behind variables through their static fields;</li>
 *   <li>each snippet on a thread of its own, in the caller's thread group, waiting for that
 *       thread only (JShell's own waits for every thread of its group, so a snippet that
 *       starts a cluster would never return), with the session's loader as its context
 *       loader and the CPU and wall time it ran counted ({@link ThreadCpu});</li>
 *   <li>{@link #stop()} without blocking: the JDK's woven stop checks (newer JDKs), an
 *       interrupt, and on JDK 17 to 19 {@code Thread.stop} of a snippet that ignores both; a
 *       stop that comes while JShell still compiles keeps the snippet from starting.</li>
 * </ul>
 */
public final class SnippetExecutionControl extends LocalExecutionControl {
  /** How long a stopped snippet may ignore its interrupt before {@code Thread.stop} (JDK 17-19). */
  static final long STOP_GRACE_MS = 1000;
  private static final boolean THREAD_STOP_WORKS = Runtime.version().feature() < 20;

  private final SnippetLoaderDelegate delegate;
  private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong userNanos = new AtomicLong();
  private final AtomicLong runNanos = new AtomicLong();
  private ClassLoader callerContextLoader;
  private volatile Thread running;
  private volatile boolean stopRequested;
  private volatile boolean lastStopped;
  private String capturedClass;
  private boolean capturing;

  SnippetExecutionControl(SnippetLoaderDelegate delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  /** Hands a new control to {@code JShell.builder().executionEngine(provider, Map.of())}; one per JShell. */
  static final class Provider implements ExecutionControlProvider {
    private final SnippetLoaderDelegate delegate;
    private volatile SnippetExecutionControl control;

    Provider(SnippetLoaderDelegate delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return "jparallel-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      if (control != null) {
        throw new IllegalStateException("this provider already serves a JShell");
      }
      control = new SnippetExecutionControl(delegate);
      return control;
    }

    SnippetExecutionControl control() {
      SnippetExecutionControl c = control;
      if (c == null) {
        throw new IllegalStateException("no JShell has been built with this provider yet");
      }
      return c;
    }
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

  /** The bytes javac produced for a snippet class of this JShell; the same array until it is redefined. */
  public Optional<byte[]> bytesOf(String className) {
    return Optional.ofNullable(bytecode.get(className));
  }

  /** The live class of a snippet class this JShell defined, if it is loaded. */
  public Optional<Class<?>> definedClass(String className) {
    if (!bytecode.containsKey(className)) {
      return Optional.empty();
    }
    try {
      return Optional.of(findClass(className));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The live class of a snippet class (or of any class the snippet loader has defined). */
  public Class<?> liveClass(String name) {
    try {
      return findClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class " + name + " in this JShell session", e);
    }
  }

  /** The loader that defines this JShell's snippet classes. */
  public ClassLoader classLoader() {
    return delegate.loader();
  }

  /** Runs {@code call} (which calls {@code JShell.varValue}) and returns the wrapper class name it asked about. */
  synchronized String wrapperClassOf(Runnable call) {
    capturing = true;
    capturedClass = null;
    try {
      call.run();
    } finally {
      capturing = false;
    }
    return capturedClass;
  }

  @Override
  public synchronized String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    if (capturing) {
      capturedClass = className;
      return "";
    }
    return super.varValue(className, varName);
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
  protected String invoke(Method doitMethod) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(Thread.currentThread().getThreadGroup(), () -> {
      ThreadCpu.Reading cpu0 = ThreadCpu.now();
      long wall0 = System.nanoTime();
      try {
        result[0] = doitMethod.invoke(null);
      } catch (Throwable e) {
        failure[0] = e;
      } finally {
        runNanos.addAndGet(System.nanoTime() - wall0);
        ThreadCpu.Used used = ThreadCpu.between(cpu0, ThreadCpu.now());
        cpuNanos.addAndGet(used.totalNanos());
        userNanos.addAndGet(used.userNanos());
      }
    }, "jshell-snippet");
    t.setDaemon(true);
    t.setContextClassLoader(delegate.loader());
    lastStopped = false;
    raiseStopFlag(false);
    running = t; // then the check: a stop() either sees this thread or is seen here
    if (stopRequested) { // stopped while JShell was still compiling: do not start it
      running = null;
      lastStopped = true;
      throw new StoppedException();
    }
    try {
      t.start();
      t.join();
    } finally {
      running = null;
    }
    Throwable f = failure[0];
    if (stopRequested || f instanceof ThreadDeath
        || (f instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath)) {
      lastStopped = true;
      throw new StoppedException(); // JShell reports it as neither a value nor an exception
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
    return shown(result[0]);
  }

  /** Elements of an array shown in a snippet's value text; longer arrays end in {@code ...}. */
  static final int SHOWN_ELEMENTS = 1000;

  /**
   * JShell's text of a value, with arrays cut at {@link #SHOWN_ELEMENTS} elements
   * ({@code double[5000000] { 0.0, 0.0, ... }}): JShell makes it for every snippet, declarations
   * too, and the whole text of a large array would cost seconds and megabytes for nothing.
   */
  static String shown(Object value) {
    if (value == null || !value.getClass().isArray() || java.lang.reflect.Array.getLength(value) <= SHOWN_ELEMENTS) {
      return valueString(value);
    }
    int n = java.lang.reflect.Array.getLength(value);
    Object head = java.lang.reflect.Array.newInstance(value.getClass().getComponentType(), SHOWN_ELEMENTS);
    System.arraycopy(value, 0, head, 0, SHOWN_ELEMENTS);
    String text = valueString(head);
    String count = "[" + SHOWN_ELEMENTS + "]";
    int at = text.indexOf(count);
    if (at >= 0) {
      text = text.substring(0, at) + "[" + n + "]" + text.substring(at + count.length());
    }
    return text.endsWith(" }") ? text.substring(0, text.length() - 2) + ", ... }" : text;
  }

  /**
   * Stops the running snippet without waiting for it: raises the woven stop checks' flag,
   * interrupts the snippet's thread and, where the JDK still allows it (17 to 19), stops a
   * thread that ignored both for {@value #STOP_GRACE_MS} ms.
   */
  @Override
  public void stop() {
    stopRequested = true; // until resetStop(): a snippet about to start does not
    Thread t = running;
    if (t == null) {
      return;
    }
    raiseStopFlag(true);
    t.interrupt();
    if (THREAD_STOP_WORKS) {
      Thread stopper = new Thread(() -> {
        try {
          Thread.sleep(STOP_GRACE_MS); // not join: the thread may not have started yet
        } catch (InterruptedException e) {
          return;
        }
        if (t.isAlive() && running == t) {
          t.interrupt();
          stopThread(t);
        }
      }, "jshell-stop");
      stopper.setDaemon(true);
      stopper.start();
    }
  }

  private void raiseStopFlag(boolean value) {
    try {
      delegate.cancelClass().getField("allStop").setBoolean(null, value);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot reach the stop flag of this JShell: " + e, e);
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stopThread(Thread t) {
    t.stop();
  }

  /** Forgets an earlier {@link #stop()}: the next snippets run (each run of source starts so). */
  void resetStop() {
    stopRequested = false;
  }

  /** Whether the last snippet run was stopped rather than finished. */
  public boolean lastStopped() {
    return lastStopped;
  }

  /** Whether a snippet is running now. */
  public boolean busy() {
    return running != null;
  }

  /** CPU time used by this JShell's snippet threads so far, in nanoseconds. */
  public long cpuNanos() {
    return cpuNanos.get();
  }

  /** User-mode CPU time used by this JShell's snippet threads so far, in nanoseconds. */
  public long userNanos() {
    return userNanos.get();
  }

  /** Wall-clock time this JShell's snippets ran so far (their compiles excluded), in nanoseconds. */
  public long runNanos() {
    return runNanos.get();
  }
}
