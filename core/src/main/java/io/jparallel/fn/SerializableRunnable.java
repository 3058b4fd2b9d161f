package io.jparallel.fn;

/** A task with no arguments and no result: {@code () -> System.out.println("hi")}. */
@FunctionalInterface
public interface SerializableRunnable extends Invocable {
  void run() throws Exception;

  @Override
  default Object invoke(Object[] args) throws Exception {
    run();
    return null;
  }

  @Override
  default int arity() {
    return 0;
  }
}
