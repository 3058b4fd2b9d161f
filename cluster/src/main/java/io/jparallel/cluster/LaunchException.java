package io.jparallel.cluster;

import io.jparallel.client.JParallelException;

/** A launcher could not start engines; the message is one clear line (ssh's, sbatch's, mpiexec's own words). */
public class LaunchException extends JParallelException {
  private static final long serialVersionUID = 1L;

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
