package io.jparallel.repl;

import io.jparallel.session.Completeness;
import io.jparallel.session.Session;
import java.util.function.Function;

/**
 * Whether typed or scripted input is ready to run. Java source and line magics: as the
 * session says. A cell magic ({@code %%px}, {@code %%timeit}, ...) has a body of several
 * lines, so, as in IPython's terminal, it runs once a blank line ends it.
 */
final class InputCompleteness {
  private final Function<String, Completeness> session;

  InputCompleteness(Function<String, Completeness> session) {
    this.session = session;
  }

  static InputCompleteness of(Session session) {
    return new InputCompleteness(session::isComplete);
  }

  Completeness of(String input) {
    if (isCellMagic(input)) {
      return endsWithBlankLine(input) ? Completeness.COMPLETE : Completeness.incomplete("");
    }
    return session.apply(input);
  }

  /** The first non-blank line starts with {@code %%}. */
  static boolean isCellMagic(String input) {
    for (String line : input.split("\n", -1)) {
      if (!line.isBlank()) {
        return line.stripLeading().startsWith("%%");
      }
    }
    return false;
  }

  private static boolean endsWithBlankLine(String input) {
    int nl = input.lastIndexOf('\n');
    return nl >= 0 && input.substring(nl + 1).isBlank();
  }
}
