package io.jparallel.magics;

/**
 * Follows Java source line by line far enough to tell whether the next line starts a new
 * statement: outside comments, text blocks and brackets, after nothing or after a {@code ;}
 * or {@code }}. A line starting with {@code %} is only a line magic at such a boundary, so a
 * continuation like {@code int r = a\n    % 2;} stays code.
 */
final class StatementBoundary {
  private boolean inBlockComment;
  private boolean inTextBlock;
  private int depth;
  private char last;

  /** True when the next line would start a new statement. */
  boolean atBoundary() {
    return !inBlockComment && !inTextBlock && depth <= 0 && (last == 0 || last == ';' || last == '}');
  }

  /** Consumes one line of code (without its newline). */
  void feed(String line) {
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (inBlockComment) {
        int end = line.indexOf("*/", i);
        if (end < 0) {
          return;
        }
        inBlockComment = false;
        i = end + 2;
      } else if (inTextBlock) {
        int end = closingTextBlock(line, i);
        if (end < 0) {
          return;
        }
        inTextBlock = false;
        last = '"';
        i = end + 3;
      } else if (line.startsWith("//", i)) {
        return;
      } else if (line.startsWith("/*", i)) {
        inBlockComment = true;
        i += 2;
      } else if (line.startsWith("\"\"\"", i)) {
        inTextBlock = true;
        i += 3;
      } else if (c == '"' || c == '\'') {
        i = endOfLiteral(line, i, c);
        last = c;
      } else {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth--;
        }
        if (!Character.isWhitespace(c)) {
          last = c;
        }
        i++;
      }
    }
  }

  private static int closingTextBlock(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      if (line.charAt(i) == '\\') {
        i++;
      } else if (line.startsWith("\"\"\"", i)) {
        return i;
      }
    }
    return -1;
  }

  private static int endOfLiteral(String line, int open, char quote) {
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    return line.length();
  }
}
