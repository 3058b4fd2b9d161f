package io.jparallel.kernel;

import io.jparallel.session.CellResult;
import io.jparallel.session.Completeness;
import io.jparallel.session.Completions;
import io.jparallel.session.SessionOutput;
import java.util.Optional;

/**
 * What the kernel needs from the session core: the operations of
 * {@code io.jparallel.session.Session}, so the protocol layer can be tested on its own.
 * {@link #execute} may stream output to {@code out} from any thread, also after it returns.
 */
public interface Interpreter extends AutoCloseable {
  CellResult execute(String cell, SessionOutput out);

  /** From another thread: stop the running cell; {@link #execute} then returns ABORTED. */
  void interrupt();

  Completions complete(String code, int cursor);

  Completeness isComplete(String code);

  Optional<String> inspect(String code, int cursor);

  /** Stops the cluster the session started. */
  @Override
  void close();
}
