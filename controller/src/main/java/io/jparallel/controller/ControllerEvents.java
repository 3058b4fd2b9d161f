package io.jparallel.controller;

import io.jparallel.wire.Envelope;
import java.util.List;

/**
 * What happens to tasks and engines, told by the {@link TaskTracker} (every task transition)
 * and the {@link EngineRegistry} (engines joining and leaving) as it happens, on the loop
 * thread. Listeners (the task records, the monitor feed) must return at once: they copy what
 * they need and hand it to their own threads or buffers, never wait.
 */
interface ControllerEvents {
  /** Listens to nothing. */
  ControllerEvents NONE = new ControllerEvents() { };

  /** A client sent a task; it waits for an engine. */
  default void taskSubmitted(TaskRecord r) {}

  /** The task was sent to engine {@code e}. */
  default void taskAssigned(TaskRecord r, EngineState e) {}

  /** The task waits for an engine again (a retry, or its engine died before answering). */
  default void taskRequeued(TaskRecord r) {}

  /** The running task printed (a {@code stream} message). */
  default void taskOutput(TaskRecord r, Envelope stream) {}

  /** The task's one reply, from its engine or made by the controller, is in; {@code r.status} is set. */
  default void taskFinished(TaskRecord r, Envelope reply) {}

  default void engineRegistered(EngineState e) {}

  default void engineDied(EngineState e, String why) {}

  /** Tells each of {@code listeners}, in order. */
  static ControllerEvents all(List<ControllerEvents> listeners) {
    List<ControllerEvents> ls = List.copyOf(listeners);
    return new ControllerEvents() {
      private void each(java.util.function.Consumer<ControllerEvents> call) {
        ls.forEach(call);
      }

      @Override
      public void taskSubmitted(TaskRecord r) {
        each(l -> l.taskSubmitted(r));
      }

      @Override
      public void taskAssigned(TaskRecord r, EngineState e) {
        each(l -> l.taskAssigned(r, e));
      }

      @Override
      public void taskRequeued(TaskRecord r) {
        each(l -> l.taskRequeued(r));
      }

      @Override
      public void taskOutput(TaskRecord r, Envelope stream) {
        each(l -> l.taskOutput(r, stream));
      }

      @Override
      public void taskFinished(TaskRecord r, Envelope reply) {
        each(l -> l.taskFinished(r, reply));
      }

      @Override
      public void engineRegistered(EngineState e) {
        each(l -> l.engineRegistered(e));
      }

      @Override
      public void engineDied(EngineState e, String why) {
        each(l -> l.engineDied(e, why));
      }
    };
  }
}
