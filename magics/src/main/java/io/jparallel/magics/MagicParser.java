package io.jparallel.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises magics in an input before JShell sees it, with IPython's syntax:
 * <ul>
 *   <li>a cell whose first non-blank line starts with {@code %%name}: a cell magic; its
 *       arguments are the rest of that line, its body the lines after it;</li>
 *   <li>a line starting with {@code %name}: a line magic, arguments = rest of the line;</li>
 *   <li>{@code %name?}, {@code %%name?}, {@code ?name}, and a lone {@code name?}: help;</li>
 *   <li>anything else: code. A {@code %} inside code ({@code x % 2}) is code, and a line
 *       starting with {@code %} is only a magic where a new statement may start (not inside
 *       brackets, a comment or a text block, nor after a line that did not end in {@code ;}
 *       or {@code }}).</li>
 * </ul>
 * Line magics between lines of code give a {@link ParsedInput.Sequence}.
 */
public final class MagicParser {
  private MagicParser() {}

  /** Classifies {@code input}. */
  public static ParsedInput parse(String input) {
    String text = input.replace("\r\n", "\n").replace('\r', '\n');
    String[] lines = lines(text);
    int first = firstNonBlank(lines);
    if (first < 0) {
      return new ParsedInput.Code(text);
    }
    String head = lines[first].strip();
    if (head.startsWith("%%")) {
      Optional<ParsedInput> cell = cellMagic(head, lines, first);
      if (cell.isPresent()) {
        return cell.get();
      }
    }
    if (isSingleLine(lines, first)) {
      Optional<String> bareHelp = bareHelpName(head);
      if (bareHelp.isPresent()) {
        return new ParsedInput.HelpRequest(bareHelp.get());
      }
    }
    return segments(text, lines);
  }

  /** Whether {@code input} is a cell magic: its first non-blank line starts with {@code %%name}. */
  public static boolean isCellMagic(String input) {
    String[] lines = lines(input);
    int first = firstNonBlank(lines);
    if (first < 0) {
      return false;
    }
    String head = lines[first].strip();
    return head.startsWith("%%") && identifierEnd(head, 2) > 2;
  }

  /**
   * The one rule for when a cell magic is complete, for every front end: its body ends at a
   * blank line, as in IPython's terminal (a REPL's input ends in a newline when the user
   * pressed Enter on an empty line). Only meaningful when {@link #isCellMagic} holds.
   */
  public static boolean isCellMagicComplete(String input) {
    String[] lines = lines(input);
    return lines.length > 1 && lines[lines.length - 1].isBlank();
  }

  private static String[] lines(String input) {
    return input.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
  }

  private static Optional<ParsedInput> cellMagic(String head, String[] lines, int first) {
    int end = identifierEnd(head, 2);
    if (end == 2) {
      return Optional.empty();
    }
    String name = head.substring(2, end);
    String rest = head.substring(end);
    if (isHelpSuffix(rest)) {
      return Optional.of(new ParsedInput.HelpRequest(name));
    }
    String body = String.join("\n", List.of(lines).subList(first + 1, lines.length));
    return Optional.of(MagicCall.cell(name, rest.strip(), body));
  }

  private static ParsedInput segments(String text, String[] lines) {
    List<ParsedInput> parts = new ArrayList<>();
    List<String> code = new ArrayList<>();
    StatementBoundary boundary = new StatementBoundary();
    for (String line : lines) {
      Optional<ParsedInput> magic = boundary.atBoundary() ? lineMagic(line.strip()) : Optional.empty();
      if (magic.isPresent()) {
        flushCode(code, parts);
        parts.add(magic.get());
      } else {
        code.add(line);
        boundary.feed(line);
      }
    }
    flushCode(code, parts);
    if (parts.isEmpty()) {
      return new ParsedInput.Code(text);
    }
    if (parts.size() == 1) {
      ParsedInput only = parts.get(0);
      return only instanceof ParsedInput.Code ? new ParsedInput.Code(text) : only;
    }
    return new ParsedInput.Sequence(parts);
  }

  private static void flushCode(List<String> code, List<ParsedInput> parts) {
    if (code.stream().anyMatch(l -> !l.isBlank())) {
      parts.add(new ParsedInput.Code(String.join("\n", code)));
    }
    code.clear();
  }

  /** {@code %name args}, {@code %name?} or {@code ?name} on a stripped line. */
  private static Optional<ParsedInput> lineMagic(String line) {
    if (line.startsWith("?")) {
      String name = stripPercents(line.substring(line.startsWith("??") ? 2 : 1)).strip();
      int end = identifierEnd(name, 0);
      return end > 0 && end == name.length() ? Optional.of(new ParsedInput.HelpRequest(name)) : Optional.empty();
    }
    if (!line.startsWith("%") || line.startsWith("%%")) {
      return Optional.empty();
    }
    int end = identifierEnd(line, 1);
    if (end == 1) {
      return Optional.empty();
    }
    String name = line.substring(1, end);
    String rest = line.substring(end);
    if (isHelpSuffix(rest)) {
      return Optional.of(new ParsedInput.HelpRequest(name));
    }
    return Optional.of(MagicCall.line(name, rest.strip()));
  }

  /** {@code name?} / {@code name??} alone on the only line. */
  private static Optional<String> bareHelpName(String line) {
    if (!line.endsWith("?") || line.startsWith("%") || line.startsWith("?")) {
      return Optional.empty();
    }
    String name = line.endsWith("??") ? line.substring(0, line.length() - 2) : line.substring(0, line.length() - 1);
    int end = identifierEnd(name, 0);
    return end > 0 && end == name.length() ? Optional.of(name) : Optional.empty();
  }

  private static boolean isHelpSuffix(String rest) {
    return rest.equals("?") || rest.equals("??") || (rest.startsWith("?") && rest.substring(rest.startsWith("??") ? 2 : 1).isBlank());
  }

  private static String stripPercents(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '%') {
      i++;
    }
    return s.substring(i);
  }

  private static int identifierEnd(String s, int from) {
    if (from >= s.length() || !Character.isJavaIdentifierStart(s.charAt(from)) || s.charAt(from) == '$') {
      return from;
    }
    int i = from + 1;
    while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i)) && s.charAt(i) != '$') {
      i++;
    }
    return i;
  }

  private static int firstNonBlank(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSingleLine(String[] lines, int first) {
    for (int i = first + 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return false;
      }
    }
    return true;
  }
}
