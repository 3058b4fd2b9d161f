package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.fn.Invocable;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.wire.Json;
import java.io.File;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The engine's in-process JShell: runs {@code execute_request} code snippet by snippet and
 * gives {@link NamespaceOps} the real objects behind its variables. Used by the worker
 * thread only, except {@link #stop()}.
 */
final class EngineShell implements AutoCloseable {
  private final JShell jshell;
  private final ReplExecutionControl control;
  private final ClassLoader loader;
  private final ReplTypes types;
  private final Map<VarSnippet, Field> fields = new IdentityHashMap<>();
  private int executionCount;

  EngineShell(ClassLoader parent) {
    io.jparallel.jshell.SnippetLoaderDelegate delegate = new io.jparallel.jshell.SnippetLoaderDelegate(parent);
    ReplExecutionControl.Provider provider = new ReplExecutionControl.Provider(delegate);
    this.jshell = JShell.builder()
        .executionEngine(provider, Map.of())
        .compilerOptions("--class-path", classPath(parent))
        .build();
    this.jshell.eval("int $jparallel$warmup = 0;"); // forces the execution control into existence
    this.control = provider.control();
    this.loader = delegate.loader();
    this.types = new ReplTypes(loader, this::nameableReplClass);
  }

  ClassLoader loader() {
    return loader;
  }

  ReplTypes types() {
    return types;
  }

  /** Interrupts the running snippet (JShell's own stop: Thread.stop on 17, stop checks and interrupts later). */
  void stop() {
    jshell.stop();
  }

  @Override
  public void close() {
    jshell.close();
  }

  /** Runs {@code code}, stopping at the first snippet that fails to compile or throws. */
  TaskResult execute(String code, boolean silent, BooleanSupplier aborted, int engineId) {
    if (!silent) {
      executionCount++;
    }
    SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
    String rest = code;
    SnippetEvent last = null;
    while (!rest.isBlank()) {
      if (aborted.getAsBoolean()) {
        return TaskResult.of(ErrorReport.aborted("execution was aborted").toContent(engineId));
      }
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      String source;
      if (info.completeness().isComplete() && info.source() != null) {
        source = info.source();
        rest = info.remaining();
      } else {
        source = rest;
        rest = "";
      }
      SnippetEvent main = null;
      for (SnippetEvent e : jshell.eval(source)) {
        if (e.causeSnippet() == null) {
          main = e;
          break;
        }
      }
      if (main == null) {
        continue;
      }
      if (aborted.getAsBoolean()) {
        return TaskResult.of(ErrorReport.aborted("execution was aborted").toContent(engineId));
      }
      if (main.status() == Snippet.Status.REJECTED) {
        return error(compileError(main.snippet()), engineId);
      }
      if (main.exception() != null) {
        return error(runtimeError(main.exception()), engineId);
      }
      last = main;
    }
    ObjectNode content = Json.object().put("status", "ok").put("execution_count", executionCount);
    ObjectNode data = content.putObject("data");
    if (silent || last == null) {
      return TaskResult.of(content);
    }
    Optional<VarSnippet> valueVar = valueVariable(last.snippet());
    if (valueVar.isEmpty() || last.value() == null) {
      return TaskResult.of(content);
    }
    data.put("text/plain", last.value());
    try {
      Object value = read(valueVar.get());
      PayloadWriter writer = new PayloadWriter();
      content.set("value", writer.write(value, "value"));
      return new TaskResult(content, writer.buffers(), writer.raw());
    } catch (IllegalArgumentException | ReflectiveOperationException | java.io.UncheckedIOException e) {
      return TaskResult.of(content); // shown as text; the object itself cannot travel
    }
  }

  private TaskResult error(ErrorReport report, int engineId) {
    ObjectNode c = report.toContent(engineId);
    c.put("execution_count", executionCount);
    return TaskResult.of(c);
  }

  /** The variable holding an expression snippet's value: its temp var, or the variable it names or assigns. */
  private Optional<VarSnippet> valueVariable(Snippet s) {
    if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      return Optional.of(v);
    }
    if (s instanceof ExpressionSnippet e && (e.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND
        || e.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND)) {
      return variable(e.name());
    }
    return Optional.empty();
  }

  /** The active, valid variable of that name. */
  Optional<VarSnippet> variable(String name) {
    return jshell.variables()
        .filter(v -> v.name().equals(name) && jshell.status(v) == Snippet.Status.VALID)
        .reduce((a, b) -> b);
  }

  /** The real object a variable holds. */
  Object read(VarSnippet v) throws ReflectiveOperationException {
    return field(v).get(null);
  }

  /** The static field behind a variable, looked up once. */
  Field field(VarSnippet v) throws ReflectiveOperationException {
    Field f = fields.get(v);
    if (f == null) {
      String wrapper = control.wrapperClassOf(() -> jshell.varValue(v));
      if (wrapper == null) {
        throw new NoSuchFieldException("variable " + v.name() + " has no field");
      }
      f = control.classNamed(wrapper).getDeclaredField(v.name());
      f.setAccessible(true);
      fields.put(v, f);
    }
    return f;
  }

  /** Declares {@code type name;} and returns the new variable. */
  VarSnippet declare(String type, String name) {
    String source = type + " " + name + ";";
    for (SnippetEvent e : jshell.eval(source)) {
      if (e.causeSnippet() == null) {
        if (e.status() == Snippet.Status.VALID && e.snippet() instanceof VarSnippet v) {
          return v;
        }
        throw new IllegalStateException("could not declare " + source + ": " + compileError(e.snippet()).evalue());
      }
    }
    throw new IllegalStateException("could not declare " + source);
  }

  /** A snippet-defined class is named by its simple name while a type of that name is active. */
  private boolean nameableReplClass(Class<?> c) {
    String simple = c.getSimpleName();
    return jshell.types().anyMatch(t -> t.name().equals(simple) && jshell.status(t) == Snippet.Status.VALID);
  }

  ErrorReport compileError(Snippet s) {
    List<String> lines = new ArrayList<>();
    String source = s.source();
    List<Diag> diags = jshell.diagnostics(s).filter(Diag::isError).toList();
    if (diags.isEmpty()) {
      diags = jshell.diagnostics(s).toList();
    }
    for (Diag d : diags) {
      for (String l : d.getMessage(null).split("\n")) {
        if (!l.strip().equals("location: class")) { // the snippet wrapper, meaningless to users
          lines.add(l);
        }
      }
      long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
      if (pos >= 0 && pos <= source.length()) {
        int start = source.lastIndexOf('\n', (int) Math.max(0, pos - 1)) + 1;
        if (pos > 0 && pos <= source.length() && source.charAt((int) pos - 1) == '\n') {
          start = (int) pos;
        }
        start = Math.min(start, (int) pos);
        int end = source.indexOf('\n', (int) pos);
        end = end < 0 ? source.length() : end;
        lines.add(source.substring(start, end));
        long last = Math.min(Math.max(d.getEndPosition(), pos + 1), end) - 1;
        lines.add(" ".repeat((int) pos - start) + (last > pos ? "^" + "-".repeat((int) (last - pos - 1)) + "^" : "^"));
      }
    }
    if (lines.isEmpty()) {
      lines.add("snippet rejected: " + source.strip());
    }
    return new ErrorReport("CompileError", String.join("\n", lines), List.copyOf(lines));
  }

  private static ErrorReport runtimeError(JShellException ex) {
    List<String> lines = new ArrayList<>();
    String prefix = "";
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = ex; t != null && seen.add(t); t = t.getCause()) {
      lines.add(prefix + ErrorReport.headline(className(t), t.getMessage()));
      ErrorReport.frames(t.getStackTrace(), lines);
      prefix = "Caused by: ";
    }
    return new ErrorReport(className(ex), String.valueOf(ex.getMessage()), List.copyOf(lines));
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

  /** The engine's class path for JShell's compiler: its own code sources and the JVM's class path. */
  private static String classPath(ClassLoader parent) {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : new Class<?>[] {Invocable.class, EngineShell.class}) {
      codeSource(c).ifPresent(entries::add);
    }
    for (String prop : new String[] {"jparallel.engine.classpath", "java.class.path", "surefire.test.class.path"}) {
      String v = System.getProperty(prop);
      if (v != null) {
        for (String e : v.split(File.pathSeparator)) {
          if (!e.isBlank()) {
            entries.add(e);
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Optional<String> codeSource(Class<?> c) {
    try {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      return cs == null || cs.getLocation() == null
          ? Optional.empty() : Optional.of(Path.of(cs.getLocation().toURI()).toString());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
