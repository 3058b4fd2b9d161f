package io.jparallel.session;

import java.util.List;

/**
 * A failed cell as Jupyter reports it: {@code ename} is the exception class or diagnostic
 * kind, {@code evalue} the message, {@code traceback} the lines to show (no frames of ours).
 */
public record ErrorInfo(String ename, String evalue, List<String> traceback) {
  public ErrorInfo {
    traceback = List.copyOf(traceback);
  }

  /** The one line a terminal shows first: {@code ename: evalue}. */
  public String headline() {
    return evalue == null || evalue.isEmpty() ? ename : ename + ": " + evalue;
  }
}
