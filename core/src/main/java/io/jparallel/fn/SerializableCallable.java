package io.jparallel.fn;

/** A task with no arguments that returns a value: {@code () -> ProcessHandle.current().pid()}. */
@FunctionalInterface
public interface SerializableCallable<R> extends Invocable {
  R call() throws Exception;

  @Override
  default Object invoke(Object[] args) throws Exception {
    return call();
  }

  @Override
  default int arity() {
    return 0;
  }
}
