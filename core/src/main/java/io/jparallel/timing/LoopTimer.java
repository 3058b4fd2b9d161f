package io.jparallel.timing;

/**
 * What {@link Timeit} measures: runs the timed statement {@code loops} times in a row and
 * returns the elapsed wall time in nanoseconds (setup excluded).
 */
@FunctionalInterface
public interface LoopTimer {
  long time(long loops) throws Exception;
}
