package io.jparallel.fn;

/** A task of two arguments: {@code (a, b) -> a + b}. */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends Invocable {
  R apply(T t, U u) throws Exception;

  @Override
  @SuppressWarnings("unchecked")
  default Object invoke(Object[] args) throws Exception {
    return apply((T) args[0], (U) args[1]);
  }

  @Override
  default int arity() {
    return 2;
  }
}
