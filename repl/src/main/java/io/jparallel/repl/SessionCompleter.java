package io.jparallel.repl;

import io.jparallel.session.Completions;
import io.jparallel.session.Session;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from {@link Session#complete}: Java (JShell's analysis), magic names and
 * their flags. The session completes the text from its anchor to the cursor; JLine replaces
 * the current word, so each candidate's value is rebased onto that word while the list
 * shows the session's short form ({@code sqrt(} for {@code Math.sq}).
 */
final class SessionCompleter implements Completer {
  private final Session session;

  SessionCompleter(Session session) {
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    CellLine cell = line instanceof CellLine c ? c : CellLine.at(line.line(), line.cursor());
    Completions completions;
    try {
      completions = session.complete(cell.line(), cell.cursor());
    } catch (RuntimeException e) {
      return; // completion never breaks typing
    }
    for (String value : values(cell, completions)) {
      candidates.add(new Candidate(value, display(value, cell, completions.anchor()), null, null, null, null, false));
    }
  }

  /** Candidate values as replacements of the current word (what JLine inserts). */
  static Set<String> values(CellLine cell, Completions completions) {
    Set<String> values = new LinkedHashSet<>();
    int anchor = completions.anchor();
    for (String candidate : completions.candidates()) {
      if (anchor >= cell.wordStart()) {
        values.add(cell.line().substring(cell.wordStart(), Math.min(anchor, cell.line().length())) + candidate);
      } else {
        String cut = cell.line().substring(anchor, cell.wordStart());
        if (candidate.startsWith(cut)) {
          values.add(candidate.substring(cut.length()));
        }
      }
    }
    return values;
  }

  private static String display(String value, CellLine cell, int anchor) {
    int prefix = Math.max(0, anchor - cell.wordStart());
    return prefix < value.length() ? value.substring(prefix) : value;
  }
}
