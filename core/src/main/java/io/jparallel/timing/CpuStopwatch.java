package io.jparallel.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * Measures what {@code %time} reports for one thread: wall time ({@link System#nanoTime()}),
 * and user and total CPU time from {@link ThreadMXBean}. Start it on (or for) the thread that
 * runs the code, {@link #stop()} it afterwards. CPU times the JVM cannot measure are NaN.
 */
public final class CpuStopwatch {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long threadId;
  private final long startWall;
  private final long startUser;
  private final long startTotal;

  private CpuStopwatch(long threadId) {
    this.threadId = threadId;
    this.startUser = userNanos(threadId);
    this.startTotal = totalNanos(threadId);
    this.startWall = System.nanoTime();
  }

  /** Starts measuring the calling thread. */
  public static CpuStopwatch startCurrentThread() {
    return new CpuStopwatch(Thread.currentThread().getId());
  }

  /** Starts measuring the thread with this id (e.g. the thread JShell runs snippets on). */
  public static CpuStopwatch startThread(long threadId) {
    return new CpuStopwatch(threadId);
  }

  /** The times since the start. */
  public TimeMagicResult stop() {
    long wall = System.nanoTime() - startWall;
    double total = delta(startTotal, totalNanos(threadId));
    double user = delta(startUser, userNanos(threadId));
    // user time ticks in jiffies (10 ms on Linux) while total is exact: never show user > total
    return TimeMagicResult.of(Double.isNaN(total) ? user : Math.min(user, total), total, wall / 1e9);
  }

  /** Runs {@code code} on the calling thread and returns its value with the times. */
  public static <T> Timed<T> time(Callable<T> code) throws Exception {
    CpuStopwatch watch = startCurrentThread();
    T value = code.call();
    return new Timed<>(value, watch.stop());
  }

  /** A value and the time it took to compute. */
  public record Timed<T>(T value, TimeMagicResult times) {}

  private static double delta(long start, long end) {
    return start < 0 || end < 0 ? Double.NaN : Math.max(0, end - start) / 1e9;
  }

  private static long userNanos(long id) {
    try {
      return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadUserTime(id) : -1;
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  private static long totalNanos(long id) {
    try {
      return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadCpuTime(id) : -1;
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }
}
