package io.jparallel.session;

import io.jparallel.client.shipping.ReplJShell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The session's in-process JShell: runs source snippet by snippet, reports compile errors
 * and exceptions as Jupyter would show them (no frames of ours), and answers completion,
 * completeness and documentation questions with JShell's own analysis.
 */
final class LocalShell implements AutoCloseable {
  static final List<String> IMPORTS = List.of(
      // the jshell tool's default imports
      "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
      "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
      "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
      // the client API
      "import io.jparallel.client.*;",
      "import io.jparallel.cluster.*;",
      "import io.jparallel.fn.*;",
      "import io.jparallel.session.Display;",
      "import static io.jparallel.session.Displays.display;",
      "import java.time.Duration;");

  /** What running some source gave. */
  record Outcome(ErrorInfo error, boolean stopped, String valueText, Object value, boolean hasValue, long cpuNanos,
      long userNanos, List<String> notes) {
    boolean ok() {
      return error == null && !stopped;
    }
  }

  private final ReplJShell repl;
  private volatile boolean stopping;

  LocalShell(List<Path> classPath) {
    this.repl = ReplJShell.create(classPath, b -> {});
    for (String imp : IMPORTS) {
      repl.shell().eval(imp);
    }
  }

  JShell shell() {
    return repl.shell();
  }

  ClassLoader loader() {
    return repl.control().classLoader();
  }

  Object valueOf(String name) {
    return repl.valueOf(name);
  }

  boolean busy() {
    return repl.control().busy();
  }

  /** Runs source (one or more snippets); stops at the first that fails. */
  Outcome eval(String source) {
    stopping = false;
    SourceCodeAnalysis sca = shell().sourceCodeAnalysis();
    String rest = source;
    String valueText = null;
    Object value = null;
    boolean hasValue = false;
    long cpu = 0;
    long user = 0;
    List<String> notes = new ArrayList<>();
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
      String snippet;
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> {
          snippet = info.source();
          rest = info.remaining();
        }
        case EMPTY -> {
          rest = "";
          continue;
        }
        default -> {
          snippet = rest; // incomplete or unknown: let JShell say what is wrong
          rest = "";
        }
      }
      hasValue = false;
      value = null;
      valueText = null;
      for (SnippetEvent e : shell().eval(snippet)) {
        if (e.causeSnippet() != null) {
          continue; // an update of a dependent snippet, not this one
        }
        cpu += repl.control().lastCpuNanos();
        user += repl.control().lastUserNanos();
        if (stopping) {
          return new Outcome(null, true, null, null, false, cpu, user, notes);
        }
        Snippet s = e.snippet();
        if (e.status() == Snippet.Status.REJECTED) {
          return new Outcome(compileError(s, snippet), false, null, null, false, cpu, user, notes);
        }
        if (e.exception() != null) {
          if (stopping || e.exception() instanceof jdk.jshell.EvalException ee
              && "jdk.jshell.spi.ExecutionControl$StoppedException".equals(ee.getExceptionClassName())) {
            return new Outcome(null, true, null, null, false, cpu, user, notes);
          }
          return new Outcome(exception(e.exception()), false, null, null, false, cpu, user, notes);
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
          notes.add("created " + describe(s) + ", but it cannot be used until "
              + shell().unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.joining(", "))
              + " is declared");
        }
        if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && e.value() != null) {
          hasValue = true;
          valueText = e.value();
          try {
            value = repl.valueOf(v);
          } catch (RuntimeException ex) {
            value = null;
          }
        } else if (s.kind() == Snippet.Kind.EXPRESSION && e.value() != null) {
          hasValue = true;
          valueText = e.value();
        }
      }
    }
    return new Outcome(null, false, valueText, value, hasValue, cpu, user, notes);
  }

  /** Stops the running snippet (Ctrl-C, interrupt_request). */
  void stop() {
    stopping = true;
    repl.control().stop();
  }

  Completeness isComplete(String code) {
    SourceCodeAnalysis sca = shell().sourceCodeAnalysis();
    String rest = code;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
        case EMPTY -> rest = "";
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return Completeness.incomplete(indent(code));
        }
        default -> {
          return Completeness.INVALID;
        }
      }
    }
    return Completeness.COMPLETE;
  }

  Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s = shell().sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
    boolean typeMatches = s.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
    List<String> out = s.stream().filter(x -> !typeMatches || x.matchesType())
        .map(SourceCodeAnalysis.Suggestion::continuation).distinct().sorted().toList();
    return new Completions(anchor[0], out);
  }

  Optional<String> inspect(String code, int cursor) {
    List<SourceCodeAnalysis.Documentation> docs = shell().sourceCodeAnalysis().documentation(code, cursor, true);
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(docs.stream()
        .map(d -> d.signature() + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n\n" + d.javadoc().strip()))
        .collect(Collectors.joining("\n\n")));
  }

  private ErrorInfo compileError(Snippet s, String source) {
    List<Diag> diags = shell().diagnostics(s).filter(Diag::isError).toList();
    if (diags.isEmpty()) {
      return new ErrorInfo("CompileError", "the snippet was rejected: " + source.strip(), List.of());
    }
    List<String> lines = new ArrayList<>();
    for (Diag d : diags) {
      lines.add(d.getMessage(Locale.ROOT));
      lines.addAll(pointAt(source, (int) d.getStartPosition(), (int) d.getEndPosition()));
    }
    Diag first = diags.get(0);
    return new ErrorInfo("CompileError", first.getMessage(Locale.ROOT).lines().findFirst().orElse(""), lines);
  }

  private static List<String> pointAt(String source, int start, int end) {
    if (start < 0 || start > source.length()) {
      return List.of();
    }
    int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    if (start > 0 && source.charAt(start - 1) == '\n') {
      lineStart = start;
    }
    int lineEnd = source.indexOf('\n', start);
    if (lineEnd < 0) {
      lineEnd = source.length();
    }
    String line = source.substring(lineStart, lineEnd);
    int width = Math.max(1, Math.min(end, lineEnd) - start);
    return List.of("  " + line, "  " + " ".repeat(start - lineStart) + "^" + "-".repeat(Math.max(0, width - 1)));
  }

  static ErrorInfo exception(JShellException ex) {
    String ename;
    if (ex instanceof EvalException ee) {
      ename = ee.getExceptionClassName();
    } else if (ex instanceof UnresolvedReferenceException) {
      ename = "UnresolvedReference";
    } else {
      ename = ex.getClass().getName();
    }
    String evalue = ex.getMessage() == null ? "" : ex.getMessage();
    List<String> trace = new ArrayList<>();
    trace.add(evalue.isEmpty() ? ename : ename + ": " + evalue);
    appendFrames(ex, trace);
    Throwable cause = ex.getCause();
    while (cause != null) {
      String cn = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
      trace.add("Caused by: " + cn + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      appendFrames(cause, trace);
      cause = cause.getCause();
    }
    return new ErrorInfo(ename, evalue, trace);
  }

  /** User frames only: the snippet's own and what it called, down to the snippet's do_it$ method. */
  private static void appendFrames(Throwable t, List<String> out) {
    for (StackTraceElement f : t.getStackTrace()) {
      String cls = f.getClassName();
      if (cls.startsWith("REPL.") && "do_it$".equals(f.getMethodName())) {
        out.add("\tat " + (f.getFileName() == null ? "snippet" : f.getFileName()) + ":" + f.getLineNumber());
        break;
      }
      if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
          || cls.startsWith("io.jparallel.client.shipping.")) {
        break;
      }
      if (cls.startsWith("io.jparallel.")) {
        continue; // our own frames (the client API the snippet called) are not the user's concern
      }
      if (cls.startsWith("REPL.$JShell$")) {
        out.add("\tat " + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")");
      } else {
        out.add("\tat " + f);
      }
    }
  }

  private static String describe(Snippet s) {
    if (s instanceof jdk.jshell.MethodSnippet m) {
      return "method " + m.name() + "(" + m.parameterTypes() + ")";
    }
    if (s instanceof jdk.jshell.TypeDeclSnippet t) {
      return "class " + t.name();
    }
    if (s instanceof VarSnippet v) {
      return "variable " + v.name();
    }
    return "snippet";
  }

  private static String indent(String code) {
    int depth = 0;
    for (char c : code.toCharArray()) {
      if (c == '{' || c == '(') {
        depth++;
      } else if ((c == '}' || c == ')') && depth > 0) {
        depth--;
      }
    }
    return "    ".repeat(Math.max(1, depth));
  }

  @Override
  public void close() {
    repl.close();
  }
}
