package io.jparallel.client;

import java.time.Duration;
import java.time.Instant;

/**
 * How many items one task of {@code lv.map} gets when the view was not told
 * ({@link LoadBalancedView#chunkSize(int)}): the whole rule, and what it has measured.
 * <ul>
 *   <li>Items of a function whose run time is known (from the tasks of earlier maps of the same
 *       function, measured on the engines) go about {@value #TARGET_TASK_MS} ms to a task, so the
 *       per-task cost (a fraction of a millisecond) stays small against the work;</li>
 *   <li>otherwise a map of many items goes out in about {@value #UNMEASURED_TASKS_PER_ENGINE}
 *       tasks per engine (a small map stays one task per item, as IPython parallel's default);</li>
 *   <li>and never fewer than {@value #MIN_TASKS_PER_ENGINE} tasks per engine, so the load
 *       still balances.</li>
 * </ul>
 * A later tuning of the rule changes this class only.
 */
final class ChunkPolicy {
  static final int TARGET_TASK_MS = 10;
  static final int UNMEASURED_TASKS_PER_ENGINE = 64;
  static final int MIN_TASKS_PER_ENGINE = 4;
  /** Tasks of one map whose run times are sampled (reading metadata is not free on a flood of tasks). */
  static final int SAMPLED_TASKS = 16;

  /** Mean engine-side seconds per item, per function class (a lambda's class): NaN until measured. */
  private static final ClassValue<Measured> MEASURED = new ClassValue<>() {
    @Override
    protected Measured computeValue(Class<?> type) {
      return new Measured();
    }
  };

  private ChunkPolicy() {}

  /** The rule: items per task for {@code items} items on {@code engines} engines, {@code secondsPerItem} NaN when unknown. */
  static int chunkSize(int items, int engines, double secondsPerItem) {
    int e = Math.max(1, engines);
    int balanced = Math.max(1, ceilDiv(items, e * MIN_TASKS_PER_ENGINE));
    int size = Double.isNaN(secondsPerItem) || secondsPerItem <= 0
        ? ceilDiv(items, e * UNMEASURED_TASKS_PER_ENGINE)
        : (int) Math.min(Integer.MAX_VALUE, Math.round(TARGET_TASK_MS / 1000.0 / secondsPerItem));
    return Math.max(1, Math.min(size, balanced));
  }

  /** Items per task for a map of {@code fn} now. */
  static int chunkSize(Class<?> fn, int items, int engines) {
    return chunkSize(items, engines, MEASURED.get(fn).secondsPerItem());
  }

  /** One task of {@code fn} ran {@code items} items from {@code started} to {@code completed} on its engine. */
  static void record(Class<?> fn, int items, Instant started, Instant completed) {
    if (started != null && completed != null && items > 0) {
      MEASURED.get(fn).add(Duration.between(started, completed).toNanos() / 1e9 / items);
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** An exponentially weighted mean of seconds per item. */
  private static final class Measured {
    private double mean = Double.NaN;

    synchronized void add(double seconds) {
      mean = Double.isNaN(mean) ? seconds : 0.8 * mean + 0.2 * seconds;
    }

    synchronized double secondsPerItem() {
      return mean;
    }
  }
}
