package io.jparallel.session;

import java.util.List;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;

/**
 * Records typed into a session travel to engines as values without the user writing
 * {@code implements java.io.Serializable}: before a record declaration is compiled, the
 * session adds it ({@code record P(int a) {}} compiles as
 * {@code record P(int a) implements java.io.Serializable {}}). Records are safe to make so:
 * their state is their components and they deserialize through their canonical constructor,
 * with no {@code serialVersionUID} to keep. Classes are left as written (a superclass without a
 * no-argument constructor, or state that is not meant to be copied, would fail at the engine
 * instead of at submit); sending one that is not {@code Serializable} fails with a message saying
 * how to declare it.
 */
final class SerializableRecords {
  private static final String SERIALIZABLE = "java.io.Serializable";

  private SerializableRecords() {}

  /** {@code source} (one or more snippets) with {@code java.io.Serializable} added to each record declared in it. */
  static String rewrite(String source, SourceCodeAnalysis analysis) {
    if (!source.contains("record")) {
      return source;
    }
    StringBuilder out = new StringBuilder();
    String rest = source;
    boolean changed = false;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (!info.completeness().isComplete() || info.source() == null) {
        out.append(rest); // incomplete or invalid: JShell says what is wrong with it as typed
        break;
      }
      String snippet = info.source();
      String rewritten = isRecord(snippet, analysis) ? addSerializable(snippet) : snippet;
      changed |= !rewritten.equals(snippet);
      out.append(rewritten).append('\n');
      rest = info.remaining();
    }
    return changed ? out.toString() : source;
  }

  private static boolean isRecord(String snippet, SourceCodeAnalysis analysis) {
    if (!snippet.contains("record")) {
      return false;
    }
    List<Snippet> parsed = analysis.sourceToSnippets(snippet);
    return parsed.size() == 1 && parsed.get(0) instanceof TypeDeclSnippet t
        && t.subKind() == Snippet.SubKind.RECORD_SUBKIND;
  }

  /**
   * The declaration with {@code implements java.io.Serializable} (or {@code , java.io.Serializable}
   * after an implements list) before the brace that opens the record's body; unchanged when its
   * header already names {@code Serializable}.
   */
  static String addSerializable(String declaration) {
    Header h = Header.scan(declaration);
    if (h == null || h.namesSerializable) {
      return declaration;
    }
    String before = declaration.substring(0, h.bodyStart).stripTrailing();
    return before + (h.hasImplements ? ", " : " implements ") + SERIALIZABLE + " " + declaration.substring(h.bodyStart);
  }

  /** Where a record's header ends, and what its implements list holds: comments, strings and parentheses skipped. */
  private record Header(int bodyStart, boolean hasImplements, boolean namesSerializable) {
    static Header scan(String s) {
      int depth = 0;
      boolean inRecord = false;
      boolean implementsSeen = false;
      boolean serializable = false;
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
          i = lineEnd(s, i);
          continue;
        }
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
          int end = s.indexOf("*/", i + 2);
          i = end < 0 ? s.length() : end + 2;
          continue;
        }
        if (c == '"' || c == '\'') {
          i = literalEnd(s, i);
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '{' && depth == 0 && inRecord) {
          return new Header(i, implementsSeen, serializable);
        } else if (Character.isJavaIdentifierStart(c)) {
          int end = i;
          while (end < s.length() && (Character.isJavaIdentifierPart(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
          }
          String word = s.substring(i, end);
          if (depth == 0) {
            inRecord |= word.equals("record");
            implementsSeen |= inRecord && word.equals("implements");
            serializable |= implementsSeen && (word.equals("Serializable") || word.equals(SERIALIZABLE));
          }
          i = end;
          continue;
        }
        i++;
      }
      return null;
    }

    private static int lineEnd(String s, int i) {
      int nl = s.indexOf('\n', i);
      return nl < 0 ? s.length() : nl;
    }

    /** The index after a string, text block or char literal starting at {@code i}. */
    private static int literalEnd(String s, int i) {
      char quote = s.charAt(i);
      if (quote == '"' && s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        return end < 0 ? s.length() : end + 3;
      }
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != quote) {
        j += s.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(s.length(), j + 1);
    }
  }
}
