package io.jparallel.jshell;

import io.jparallel.wire.Log;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Compiles throwaway snippets in a JShell of its own, on a daemon thread, so that the JIT has
 * compiled javac before a user's cells need it: every snippet is compiled by JShell (two to
 * four javac tasks), and javac runs interpreted for its first few hundred of them (here a cell
 * {@code 1} took 29 ms after 20 others, 14 ms once 200 throwaway snippets had run beside them).
 * It shares nothing with the user's JShell but the JVM's compiled code: its own runtime, loader
 * and variables; its snippets print nothing and change no state outside it. It waits, before
 * building its JShell and before each snippet, while {@code wait} says so (a cell running or
 * one ended less than {@link #QUIET_NANOS} ago, a cluster starting on the same cores), runs at most {@code snippets}
 * snippets, and stops at {@link #close()} after the snippet it is compiling (a thread in javac
 * is never interrupted: an interrupt closes the file channels javac shares).
 */
public final class CompilerWarmup implements AutoCloseable {
  private static final Log LOG = Log.of("warmup");
  /**
   * How long its owner must have been idle (no cell, no task) before each snippet: work that
   * runs compiles javac as well as the warm-up would, and a warm-up snippet beside a cell only
   * takes a core from it (a kernel's cells one after another: {@code 1} took 30 ms after 20 with the
   * warm-up beside them, 23-25 ms without).
   */
  public static final long QUIET_NANOS = 1_000_000_000L;
  /** Snippets run when {@code JPAR_WARMUP} does not say ({@code 0}: none). */
  public static final int DEFAULT_SNIPPETS = 200;

  /** What a session types most: expressions, declarations, methods, classes, lambdas, a typo. */
  static final String[] SNIPPETS = {
      "1",
      "int x = 1;",
      "x + 1",
      "String s = \"a\" + x;",
      "s.length()",
      "var list = java.util.List.of(1, 2, 3);",
      "list.stream().map(i -> i * 2).toList()",
      "double f(double v) { return Math.sqrt(v) + x; }",
      "f(2.0)",
      "record P(int a, String b) { }",
      "new P(1, \"b\").b()",
      "import java.util.function.*;",
      "Function<Integer, Integer> g = i -> i + x;",
      "g.apply(2)",
      "x = 2",
      "x",
      "long[] a = new long[4];",
      "for (int i = 0; i < a.length; i++) { a[i] = i; }",
      "java.util.Arrays.stream(a).sum()",
      "class C { int v; int get() { return v; } }",
      "new C().get()",
      "undefinedName + 1",
  };

  private final Thread thread;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile int ran;

  private CompilerWarmup(List<String> prelude, int snippets, long delayMs, BooleanSupplier wait) {
    thread = new Thread(() -> run(prelude, snippets, delayMs, wait), "jparallel-javac-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  /**
   * Starts warming up with {@code snippets} snippets ({@code <= 0}: returns one that does
   * nothing), after the {@code prelude} (the imports the user's JShell starts with, so that
   * javac resolves names as it will there); none runs while {@code wait} is true, nor before
   * {@code delay} has passed (a front end's own start-up first: its prompt, its first reply).
   */
  public static CompilerWarmup start(List<String> prelude, int snippets, Duration delay, BooleanSupplier wait) {
    CompilerWarmup w = new CompilerWarmup(List.copyOf(prelude), snippets, delay.toMillis(), wait);
    if (snippets > 0) {
      w.thread.start();
    } else {
      w.done.countDown();
    }
    return w;
  }

  /** How many snippets {@code JPAR_WARMUP} asks for ({@link #DEFAULT_SNIPPETS} when unset or not a number). */
  public static int configured() {
    String env = System.getenv("JPAR_WARMUP");
    if (env == null || env.isBlank()) {
      return DEFAULT_SNIPPETS;
    }
    try {
      return Math.max(0, Integer.parseInt(env.trim()));
    } catch (NumberFormatException e) {
      LOG.warn("JPAR_WARMUP=" + env + " is not a number; running " + DEFAULT_SNIPPETS + " snippets");
      return DEFAULT_SNIPPETS;
    }
  }

  private void run(List<String> prelude, int snippets, long delayMs, BooleanSupplier wait) {
    long t0 = System.nanoTime();
    long notBefore = t0 + delayMs * 1_000_000L;
    try {
      if (!awaitTurn(wait, notBefore)) {
        return;
      }
      try (JShellRuntime shell = JShellRuntime.builder(new LibraryLoader(CompilerWarmup.class.getClassLoader())).build()) {
        for (String s : prelude) {
          shell.eval(s);
        }
        for (int i = 0; i < snippets && awaitTurn(wait, notBefore); i++) {
          shell.eval(SNIPPETS[i % SNIPPETS.length]);
          ran = i + 1;
        }
      }
      LOG.info("javac warm-up: " + ran + " snippets in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("javac warm-up stopped after " + ran + " snippets", e);
    } finally {
      done.countDown();
    }
  }

  /** Sleeps while {@code wait} says so or the delay has not passed; false once closing. */
  private boolean awaitTurn(BooleanSupplier wait, long notBefore) throws InterruptedException {
    while (!closing && (System.nanoTime() < notBefore || wait.getAsBoolean())) {
      Thread.sleep(50);
    }
    return !closing;
  }

  /** How many snippets have run so far. */
  public int snippetsRun() {
    return ran;
  }

  /** Waits up to {@code millis} for the warm-up to end; whether it has. */
  public boolean await(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Stops after the snippet being compiled; waits for it up to 2 s (it is a daemon thread). */
  @Override
  public void close() {
    closing = true;
    try {
      done.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
