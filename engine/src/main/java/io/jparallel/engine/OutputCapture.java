package io.jparallel.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces {@code System.out} and {@code System.err}, once per JVM, by streams that send
 * what a running task prints to that task's {@link TaskOutput}. A thread belongs to a task
 * when it is the worker running it or was started by it (an inheritable thread-local);
 * other threads' output goes to the task when exactly one task runs in this JVM (the case
 * of an engine process), otherwise to the original stream, which is also where everything
 * printed between tasks goes (the log).
 */
final class OutputCapture {
  private static final PrintStream ORIGINAL_OUT = System.out;
  private static final PrintStream ORIGINAL_ERR = System.err;
  private static final InheritableThreadLocal<TaskOutput> CURRENT = new InheritableThreadLocal<>();
  private static final Set<TaskOutput> ACTIVE = ConcurrentHashMap.newKeySet();
  private static boolean installed;

  private OutputCapture() {}

  static PrintStream originalErr() {
    return ORIGINAL_ERR == null ? new PrintStream(new FileOutputStream(FileDescriptor.err), true) : ORIGINAL_ERR;
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    io.jparallel.wire.Log.to(originalErr()); // log lines never go to a task's captured output
    System.setOut(new PrintStream(new Dispatch(TaskOutput.STDOUT, ORIGINAL_OUT), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Dispatch(TaskOutput.STDERR, ORIGINAL_ERR), true, StandardCharsets.UTF_8));
    installed = true;
  }

  /** Routes the calling thread (and threads it starts) to {@code out} until {@link #end}. */
  static void begin(TaskOutput out) {
    ACTIVE.add(out);
    CURRENT.set(out);
  }

  static void end(TaskOutput out) {
    out.close();
    ACTIVE.remove(out);
    CURRENT.remove();
  }

  private static TaskOutput target() {
    TaskOutput t = CURRENT.get();
    if (t != null && !t.isClosed()) {
      return t;
    }
    if (ACTIVE.size() == 1) {
      for (TaskOutput only : ACTIVE) {
        if (!only.isClosed()) {
          return only;
        }
      }
    }
    return null;
  }

  private static final class Dispatch extends OutputStream {
    private final int stream;
    private final PrintStream original;

    Dispatch(int stream, PrintStream original) {
      this.stream = stream;
      this.original = original;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      TaskOutput t = target();
      if (t == null || !t.append(stream, b, off, len)) {
        original.write(b, off, len);
      }
    }

    @Override
    public void flush() {
      if (target() == null) {
        original.flush();
      }
    }
  }
}
