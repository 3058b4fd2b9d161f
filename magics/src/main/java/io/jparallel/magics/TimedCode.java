package io.jparallel.magics;

/**
 * What {@code %time}/{@code %timeit} run: untimed setup and the timed statement. For a line
 * magic the statement is the code after the flags; for a cell magic, IPython's rule: the
 * code on the {@code %%timeit} line is setup and the cell body is timed.
 */
public record TimedCode(String setup, String statement) {
  public static TimedCode of(MagicInvocation invocation) {
    return invocation.call().kind() == MagicKind.CELL
        ? new TimedCode(invocation.code(), invocation.body())
        : new TimedCode("", invocation.code());
  }
}
