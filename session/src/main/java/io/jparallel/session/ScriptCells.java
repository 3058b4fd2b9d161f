package io.jparallel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a JShell script into cells as a user would type them: lines are added to a cell
 * until it is complete (or invalid, which then fails when it runs); a cell magic runs to the
 * next blank line. Blank lines between cells are skipped; a line {@code /exit} (or
 * {@code exit}, {@code quit}: {@link Session#isExit}) ends the script; a cell still incomplete
 * at the end of the file is returned as it is (and fails). {@code jpar run} and {@code /open}
 * split scripts so.
 */
public final class ScriptCells {
  private ScriptCells() {}

  public static List<ScriptCell> split(String script, Function<String, Completeness> completeness) {
    List<ScriptCell> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int first = 0;
    String[] lines = script.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (cell.length() == 0) {
        if (line.isBlank()) {
          continue;
        }
        if (Session.isExit(line)) {
          return cells;
        }
        first = i + 1;
      } else {
        cell.append('\n');
      }
      cell.append(line);
      if (completeness.apply(cell.toString()).kind() != Completeness.Kind.INCOMPLETE) {
        cells.add(new ScriptCell(first, cell.toString()));
        cell.setLength(0);
      }
    }
    if (cell.length() > 0 && !cell.toString().isBlank()) {
      cells.add(new ScriptCell(first, cell.toString()));
    }
    return cells;
  }
}
