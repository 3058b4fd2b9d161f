package io.jparallel.fn;

/**
 * A function of jparallel's own that runs a user's function (the chunks of
 * {@code lv.chunkSize(n).map(...)}): it ships as the function it wraps does, whose classes and
 * REPL variables travel with it; the wrapper itself is on every engine's class path.
 */
public interface Wrapper {
  /** The function this one runs. */
  Invocable wrapped();
}
