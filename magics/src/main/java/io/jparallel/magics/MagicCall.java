package io.jparallel.magics;

/**
 * One magic invocation as typed: {@code %timeit -n 100 f()} is {@code (LINE, "timeit", "-n 100 f()", "")};
 * a cell starting with {@code %%px --targets 0} is {@code (CELL, "px", "--targets 0", <the other lines>)}.
 *
 * @param kind line or cell magic
 * @param name the magic's name, without % signs
 * @param argLine the rest of the magic's line, stripped (flags and, for code magics, code)
 * @param body the lines after the {@code %%} line of a cell magic; empty for a line magic
 */
public record MagicCall(MagicKind kind, String name, String argLine, String body) implements ParsedInput {
  public MagicCall {
    if (kind == null || name == null || argLine == null || body == null) {
      throw new NullPointerException("kind, name, argLine and body are required");
    }
  }

  public static MagicCall line(String name, String argLine) {
    return new MagicCall(MagicKind.LINE, name, argLine, "");
  }

  public static MagicCall cell(String name, String argLine, String body) {
    return new MagicCall(MagicKind.CELL, name, argLine, body);
  }

  /** The name as typed, {@code %name} or {@code %%name}. */
  public String displayName() {
    return kind.display(name);
  }
}
