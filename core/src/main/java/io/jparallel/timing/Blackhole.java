package io.jparallel.timing;

/** Where timed expressions leave their last value, so the JIT cannot drop the work. */
public final class Blackhole {
  public static volatile Object sink;

  private Blackhole() {}
}
