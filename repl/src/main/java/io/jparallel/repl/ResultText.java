package io.jparallel.repl;

import io.jparallel.session.CellResult;
import io.jparallel.session.ErrorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a terminal shows a cell's result: a value as {@code Out[n]: text} (IPython's form,
 * like {@code %px}'s {@code Out[0:5]}); an error or an interrupt as {@code ename: evalue}
 * followed by its traceback lines.
 */
final class ResultText {
  private ResultText() {}

  /** The value line(s) of a successful cell, if it has a value. */
  static Optional<String> value(CellResult result, int executionCount) {
    if (!result.ok() || result.value() == null) {
      return Optional.empty();
    }
    String text = result.value().text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Out[" + executionCount + "]: " + stripTrailingNewline(text));
  }

  /** The lines of a failed or interrupted cell (empty for a successful one). */
  static List<String> error(CellResult result) {
    if (result.ok()) {
      return List.of();
    }
    ErrorInfo e = result.error() != null ? result.error()
        : new ErrorInfo(result.status() == CellResult.Status.ABORTED ? "Interrupted" : "Error", "", List.of());
    return error(e);
  }

  static List<String> error(ErrorInfo e) {
    List<String> lines = new ArrayList<>();
    for (String line : e.lines()) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** A crash of the front end itself, shown as an error of the cell rather than ending the REPL. */
  static ErrorInfo of(RuntimeException e) {
    return new ErrorInfo(e.getClass().getSimpleName(), e.getMessage() == null ? "" : e.getMessage(), List.of());
  }

  static String stripTrailingNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
