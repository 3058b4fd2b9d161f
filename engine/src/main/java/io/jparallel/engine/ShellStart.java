package io.jparallel.engine;

import io.jparallel.jshell.LibraryLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's JShell, started once and off the task path: when a task first needs it
 * ({@code %px}, push, pull, a {@code Ref}), or once the engine has had nothing to do for
 * {@link #IDLE_NANOS} (5 s: ready when a user reaches for {@code %px}, yet not started in the
 * short gaps of a script or a benchmark). Starting it takes one to two seconds of CPU (the
 * JDK's compiler loads and compiles a first snippet); engines that started it at once, four of
 * them on two cores, made the first tasks share the machine with four compilers.
 */
final class ShellStart {
  /** How long an engine must have been idle before it starts its JShell unasked. */
  static final long IDLE_NANOS = 5_000_000_000L;

  private final CompletableFuture<EngineShell> shell = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Thread thread;

  ShellStart(LibraryLoader libraries) {
    this.thread = new Thread(() -> {
      try {
        shell.complete(new EngineShell(libraries));
      } catch (Throwable t) {
        shell.completeExceptionally(t);
      }
    }, "jparallel-jshell-start");
    thread.setDaemon(true);
  }

  /** Starts it unless it was started; any thread. */
  void begin() {
    if (started.compareAndSet(false, true)) {
      thread.start();
    }
  }

  boolean begun() {
    return started.get();
  }

  /** Starts it if need be and waits until it is ready. */
  EngineShell get() throws InterruptedException {
    begin();
    try {
      return shell.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("JShell could not start on this engine: " + e.getCause(), e.getCause());
    }
  }

  /** The shell if it is ready, else null (never starts it). */
  EngineShell now() {
    return shell.getNow(null);
  }
}
