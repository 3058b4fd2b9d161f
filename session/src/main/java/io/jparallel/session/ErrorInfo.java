package io.jparallel.session;

import java.util.ArrayList;
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

  /**
   * What a user is shown, in the REPL, {@code jpar run} and the kernel's traceback alike: the
   * headline, then the traceback without a first line that only repeats it (an exception's
   * {@code Class: message}, a compile error's message or a one-line error's text).
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    String headline = headline();
    out.add(headline);
    for (int i = 0; i < traceback.size(); i++) {
      String line = traceback.get(i).stripTrailing();
      if (i == 0 && (line.equals(headline) || line.equals(evalue))) {
        continue;
      }
      out.add(line);
    }
    return out;
  }
}
