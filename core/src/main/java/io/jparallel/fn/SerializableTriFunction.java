package io.jparallel.fn;

/** A task of three arguments: {@code (a, b, c) -> a + b + c}. */
@FunctionalInterface
public interface SerializableTriFunction<T, U, V, R> extends Invocable {
  R apply(T t, U u, V v) throws Exception;

  @Override
  @SuppressWarnings("unchecked")
  default Object invoke(Object[] args) throws Exception {
    return apply((T) args[0], (U) args[1], (V) args[2]);
  }

  @Override
  default int arity() {
    return 3;
  }
}
