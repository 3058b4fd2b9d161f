package io.jparallel.cli;

import io.jparallel.fn.SerializableCallable;
import io.jparallel.fn.SerializableFunction;

/**
 * Task bodies for tests whose own classes refer to libraries engines do not have (Selenium):
 * a lambda ships its capturing class, and an engine resolves that class's methods.
 */
final class RemoteWork {
  private RemoteWork() {}

  static SerializableCallable<Long> pid() {
    return () -> ProcessHandle.current().pid();
  }

  static SerializableFunction<Integer, Integer> sleepy(long ms) {
    return x -> {
      Thread.sleep(ms);
      return x;
    };
  }

  static SerializableCallable<Object> failing(String why) {
    return () -> {
      throw new IllegalStateException(why);
    };
  }
}
