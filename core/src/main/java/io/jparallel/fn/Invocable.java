package io.jparallel.fn;

import java.io.Serializable;

/**
 * What an engine runs: every serializable functional interface of the API is one, so an
 * engine calls {@link #invoke(Object[])} without knowing the arity.
 */
public interface Invocable extends Serializable {
  Object invoke(Object[] args) throws Exception;

  /** Number of arguments the function takes. */
  int arity();
}
