package io.jparallel.magics;

/** A line magic ({@code %name args}) or a cell magic ({@code %%name args} + body). */
public enum MagicKind {
  LINE("%"),
  CELL("%%");

  private final String prefix;

  MagicKind(String prefix) {
    this.prefix = prefix;
  }

  /** The name as the user types it, e.g. {@code %%timeit}. */
  public String display(String name) {
    return prefix + name;
  }
}
