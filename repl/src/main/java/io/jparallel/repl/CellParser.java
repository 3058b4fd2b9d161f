package io.jparallel.repl;

import io.jparallel.session.Completeness;
import java.util.function.Function;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a cell: Enter on input the session calls {@code INCOMPLETE} (an open
 * brace, a cell magic without its closing blank line) throws {@link EOFError}, so JLine adds
 * a line and shows the continuation prompt; complete and invalid input is accepted (invalid
 * input then fails with the compiler's message).
 */
final class CellParser implements Parser {
  private final Function<String, Completeness> completeness;

  /** {@code completeness} is the session's {@code isComplete}. */
  CellParser(Function<String, Completeness> completeness) {
    this.completeness = completeness;
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !line.isBlank()) {
      Completeness c = completeness.apply(line);
      if (c.kind() == Completeness.Kind.INCOMPLETE) {
        throw new EOFError(-1, -1, "incomplete input", c.indent());
      }
    }
    return CellLine.at(line, cursor);
  }

  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }
}
