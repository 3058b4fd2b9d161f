package io.jparallel.session;

import io.jparallel.client.shipping.ReplJShell;
import io.jparallel.jshell.Evaluation;
import io.jparallel.jshell.VariableInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * The session's in-process JShell (core's {@code JShellRuntime}, through the client's
 * {@link ReplJShell} so its classes ship): runs source snippet by snippet with the client API
 * imported, gives what a cell yields as an {@link Outcome}, and answers completion,
 * completeness and documentation questions with JShell's own analysis. Records typed into it
 * are made {@code Serializable} ({@link SerializableRecords}) so they can travel to engines.
 * The snippets the session itself runs (the imports, {@code rc}/{@code dv}/{@code lv}) are its
 * start-up snippets, apart from the user's for {@code /list}, {@code /save} and {@code /reset}.
 *
 * <p>It builds its JShell on a thread of its own, so that a front end need not wait for it:
 * the JShell and its imports took 550-610 ms of the REPL's ~1 s to its prompt (javac compiles
 * each import). Every use waits until it is ready; a failure to build it is thrown there.
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
      long userNanos, long runNanos, List<String> notes, VarSnippet valueVariable) {
    boolean ok() {
      return error == null && !stopped;
    }
  }

  private final CompletableFuture<ReplJShell> building = new CompletableFuture<>();
  private final Set<String> startup = ConcurrentHashMap.newKeySet();

  LocalShell(List<Path> classPath) {
    Thread t = new Thread(() -> {
      try {
        ReplJShell r = ReplJShell.create(classPath, b -> {});
        for (String imp : IMPORTS) {
          r.shell().eval(imp).forEach(e -> startup.add(e.snippet().id()));
        }
        building.complete(r);
      } catch (RuntimeException | LinkageError e) {
        building.completeExceptionally(e);
      }
    }, "jparallel-jshell-start");
    t.setDaemon(true);
    t.start();
  }

  /** The session's JShell, once built (waits for it). */
  private ReplJShell repl() {
    try {
      return building.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("JShell could not start: " + cause, cause);
    }
  }

  JShell shell() {
    return repl().shell();
  }

  ClassLoader loader() {
    return repl().control().classLoader();
  }

  /** The loader of the libraries added at run time (the parent of the snippets' loader). */
  io.jparallel.jshell.LibraryLoader libraries() {
    return repl().runtime().libraries();
  }

  /** Adds jars or class folders to the compiler and the loader, in order. */
  void addToClasspath(List<Path> entries) {
    repl().runtime().addToClasspath(entries);
  }

  /** Whether a snippet is being compiled or run (false while JShell is still being built). */
  boolean busy() {
    ReplJShell r = building.getNow(null);
    return r != null && r.runtime().busy();
  }

  /** Runs source (one or more snippets); stops at the first that fails. */
  Outcome eval(String source) {
    ReplJShell repl = repl();
    Evaluation e = repl.runtime().eval(SerializableRecords.rewrite(source, shell().sourceCodeAnalysis()));
    ErrorInfo error = e.error() == null ? null
        : new ErrorInfo(e.error().ename(), e.error().evalue(), e.error().traceback());
    Object value = null;
    if (e.valueVariable() != null) {
      try {
        value = repl.valueOf(e.valueVariable());
      } catch (RuntimeException ex) {
        value = null;
      }
    }
    return new Outcome(error, e.stopped(), e.valueText(), value, e.hasValue(), e.cpuNanos(), e.userNanos(), e.runNanos(),
        e.notes(), e.valueVariable());
  }

  /** Runs source of the session's own (binding rc, dv, lv): start-up snippets, not the user's. */
  Outcome evalStartup(String source) {
    Set<String> before = shell().snippets().map(Snippet::id).collect(Collectors.toSet());
    Outcome o = eval(source);
    shell().snippets().map(Snippet::id).filter(id -> !before.contains(id)).forEach(startup::add);
    return o;
  }

  /** Whether the session ran this snippet itself (imports, rc/dv/lv) rather than the user. */
  boolean isStartup(Snippet s) {
    return startup.contains(s.id());
  }

  /** The active variables, as {@code /vars} lists them. */
  List<VariableInfo> variables() {
    return repl().runtime().variables();
  }

  /** One variable as {@code /vars} shows it. */
  VariableInfo describe(VarSnippet v) {
    return repl().runtime().describe(v);
  }

  /** Whether {@code v} is an expression value kept outside JShell (core's {@code Temporaries}). */
  boolean parked(VarSnippet v) {
    return repl().runtime().parked(v);
  }

  /** Lets go of a parked expression value; false when {@code v} is not one. */
  boolean forget(VarSnippet v) {
    return repl().runtime().forget(v);
  }

  /** Stops the running snippet (Ctrl-C, interrupt_request). */
  void stop() {
    ReplJShell r = building.getNow(null);
    if (r != null) {
      r.runtime().stop();
    }
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
    ReplJShell r;
    try {
      r = building.join();
    } catch (CompletionException e) {
      return; // it never started: nothing to close
    }
    r.close();
  }
}
