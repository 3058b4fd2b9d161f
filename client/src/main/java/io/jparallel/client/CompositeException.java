package io.jparallel.client;

import java.util.List;

/** Several targets failed; {@link #causes()} holds each failure in target order. */
public class CompositeException extends JParallelException {
  private static final long serialVersionUID = 1L;
  private final List<JParallelException> causes;

  public CompositeException(List<JParallelException> causes) {
    super(causes.size() + " tasks failed; first: " + causes.get(0).getMessage());
    this.causes = List.copyOf(causes);
    causes.forEach(this::addSuppressed);
  }

  public List<JParallelException> causes() {
    return causes;
  }
}
