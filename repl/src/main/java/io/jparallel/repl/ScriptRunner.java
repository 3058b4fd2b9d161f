package io.jparallel.repl;

import io.jparallel.session.CellResult;
import io.jparallel.session.ScriptCell;
import io.jparallel.session.ScriptCells;
import io.jparallel.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script's cells in order through a session. Output streams as it comes; values of
 * expressions are not echoed (as {@code ipython script.ipy}). The first failing cell stops
 * the run: its error and where it starts go to stderr and the status is 1.
 */
final class ScriptRunner {
  private final Session session;
  private final StreamOutput out;

  ScriptRunner(Session session, StreamOutput out) {
    this.session = session;
    this.out = out;
  }

  /** Runs {@code script} (named {@code name} in messages); 0 when every cell succeeded, 1 at the first failure. */
  int run(String name, String script) {
    for (ScriptCell cell : ScriptCells.split(script, session::isComplete)) {
      CellResult result;
      try {
        result = session.execute(cell.code(), out);
      } catch (RuntimeException e) {
        result = CellResult.error(ResultText.of(e));
      }
      if (!result.ok()) {
        List<String> lines = new ArrayList<>(ResultText.error(result));
        lines.add("jpar run: stopped at " + name + ":" + cell.line());
        out.error(lines);
        return 1;
      }
    }
    return 0;
  }
}
