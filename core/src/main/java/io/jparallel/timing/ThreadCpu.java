package io.jparallel.timing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of the calling thread, split into user and system time as {@code %time} shows
 * it. The JVM's total ({@link ThreadMXBean#getCurrentThreadCpuTime()}) is exact, but its user
 * time counts whole clock ticks (10 ms on Linux), so {@code total - user} would call almost all
 * of a short run "sys". On Linux the split follows the thread's own tick counts
 * ({@code /proc/thread-self/stat}: utime and stime), and a run shorter than a tick is counted as
 * user time; elsewhere the JVM's user time is used.
 */
public final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Path STAT = Path.of("/proc/thread-self/stat");

  private ThreadCpu() {}

  /** A reading of the calling thread: exact total CPU nanoseconds, and user and system ticks (-1 when unknown). */
  public record Reading(long totalNanos, long userNanosMx, long userTicks, long sysTicks) {}

  /** What a run used between two readings: exact total, and the user part of it. */
  public record Used(long totalNanos, long userNanos) {}

  /** Reads the calling thread's CPU times. */
  public static Reading now() {
    long total = THREADS.getCurrentThreadCpuTime();
    long userMx = THREADS.getCurrentThreadUserTime();
    long[] ticks = procTicks();
    return new Reading(total, userMx, ticks[0], ticks[1]);
  }

  /** The CPU time used from {@code start} to {@code end} (readings of the same thread). */
  public static Used between(Reading start, Reading end) {
    long total = Math.max(0, end.totalNanos() - start.totalNanos());
    if (start.userTicks() >= 0 && end.userTicks() >= 0) {
      long user = end.userTicks() - start.userTicks();
      long sys = end.sysTicks() - start.sysTicks();
      if (user < 0 || sys < 0) {
        return new Used(total, total);
      }
      return new Used(total, user + sys == 0 ? total : Math.round(total * (user / (double) (user + sys))));
    }
    long user = Math.max(0, end.userNanosMx() - start.userNanosMx());
    return new Used(total, Math.min(user, total));
  }

  /** utime and stime of this thread in clock ticks, from /proc (Linux); -1, -1 elsewhere. */
  private static long[] procTicks() {
    try {
      String stat = Files.readString(STAT);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15 of proc(5)
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }
}
