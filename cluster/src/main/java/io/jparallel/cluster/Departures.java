package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import java.util.function.Predicate;

/**
 * How a launcher tells its cluster that engines went away (a process exited, an ssh session
 * closed, a batch job ended, mpiexec exited): the cluster fails their in-flight tasks with
 * {@code EngineDiedException} at once instead of after missed heartbeats.
 */
@FunctionalInterface
public interface Departures {
  /** The registered engines matching {@code which} are gone, because {@code why}. */
  void gone(Predicate<EngineStatus> which, String why);

  /**
   * The engine process {@code pid} on this host exited with {@code code}; unless it is started
   * again under its id ({@code restarting}), the controller keeps that id for no replacement
   * and direct tasks for it fail at once.
   */
  default void exited(long pid, int code, boolean restarting) {}
}
