package io.jparallel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A snippet that did not compile or threw, as a user should see it, the same in the session
 * and on engines: {@code ename} is the exception class (or {@value #COMPILE_ERROR}),
 * {@code evalue} its one-line message, {@code traceback} the lines to show. A compile error
 * shows each diagnostic with the offending line and a caret under it, as the {@code jshell}
 * tool does; an exception shows as a {@link Traceback}.
 */
public record SnippetError(String ename, String evalue, List<String> traceback) {
  /** The {@code ename} of a snippet that did not compile. */
  public static final String COMPILE_ERROR = "CompileError";

  public SnippetError {
    traceback = List.copyOf(traceback);
  }

  /** Whether the snippet did not compile. */
  public boolean isCompileError() {
    return COMPILE_ERROR.equals(ename);
  }

  /**
   * What a reader who sees only one message should get: for a compile error every line of the
   * diagnostics (the offending line and caret included), otherwise {@link #evalue()}.
   */
  public String detail() {
    return isCompileError() ? String.join("\n", traceback) : evalue;
  }

  /** {@code ename: evalue}, or {@code ename} alone when there is no message. */
  public String headline() {
    return evalue.isEmpty() ? ename : ename + ": " + evalue;
  }

  /** The diagnostics of a rejected snippet: its errors, or every diagnostic when it has no error. */
  public static SnippetError compile(JShell shell, Snippet s) {
    String source = s.source();
    List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
    if (diags.isEmpty()) {
      diags = shell.diagnostics(s).toList();
    }
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag d : diags) {
      for (String l : d.getMessage(Locale.ROOT).split("\n")) {
        if (!l.strip().equals("location: class")) { // the snippet wrapper, meaningless to users
          lines.add(l);
          first = first == null ? l.strip() : first;
        }
      }
      lines.addAll(pointAt(source, d));
    }
    if (lines.isEmpty()) {
      String why = "the snippet was rejected: " + source.strip();
      return new SnippetError(COMPILE_ERROR, why, List.of(why));
    }
    return new SnippetError(COMPILE_ERROR, first == null ? "" : first, lines);
  }

  /** The offending line and a caret under the diagnostic's span ({@code ^} or {@code ^---^}). */
  private static List<String> pointAt(String source, Diag d) {
    long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
    if (pos < 0 || pos > source.length()) {
      return List.of();
    }
    int p = (int) pos;
    int start = source.lastIndexOf('\n', Math.max(0, p - 1)) + 1;
    if (p > 0 && source.charAt(p - 1) == '\n') {
      start = p;
    }
    start = Math.min(start, p);
    int end = source.indexOf('\n', p);
    end = end < 0 ? source.length() : end;
    long last = Math.min(Math.max(d.getEndPosition(), pos + 1), end) - 1;
    String caret = last > pos ? "^" + "-".repeat((int) (last - pos - 1)) + "^" : "^";
    return List.of(source.substring(start, end), " ".repeat(p - start) + caret);
  }

  /** An exception a snippet threw, with its causes; no frames of jparallel's (the API it called). */
  public static SnippetError thrown(JShellException ex) {
    List<String> lines = Traceback.of(ex, SnippetError::className, c -> c.startsWith("io.jparallel."));
    return new SnippetError(className(ex), ex.getMessage() == null ? "" : ex.getMessage(), lines);
  }

  private static String className(Throwable t) {
    if (t instanceof EvalException e) {
      return e.getExceptionClassName();
    }
    if (t instanceof UnresolvedReferenceException) {
      return "UnresolvedReferenceException";
    }
    return t.getClass().getName();
  }
}
