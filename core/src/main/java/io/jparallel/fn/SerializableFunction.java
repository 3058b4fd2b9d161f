package io.jparallel.fn;

/** A task of one argument: {@code x -> x * 2}. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Invocable {
  R apply(T t) throws Exception;

  @Override
  @SuppressWarnings("unchecked")
  default Object invoke(Object[] args) throws Exception {
    return apply((T) args[0]);
  }

  @Override
  default int arity() {
    return 1;
  }
}
