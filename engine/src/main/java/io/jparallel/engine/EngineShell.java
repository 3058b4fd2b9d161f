package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.fn.Invocable;
import io.jparallel.jshell.Evaluation;
import io.jparallel.jshell.JShellRuntime;
import io.jparallel.jshell.LibraryLoader;
import io.jparallel.jshell.SnippetError;
import io.jparallel.jshell.VariableInfo;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.wire.Json;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The engine's JShell (core's {@link JShellRuntime}, loading libraries through the engine's
 * {@link LibraryLoader}, the parent of shipped lambdas' loaders too): runs
 * {@code execute_request} code and answers it as a task result, and gives
 * {@link NamespaceOps} the real objects behind its variables. Used by the worker thread only,
 * except {@link #stop()}.
 */
final class EngineShell implements AutoCloseable {
  /** Extra entries for JShell's compiler class path, separated as a class path is. */
  static final String CLASSPATH_PROPERTY = "jparallel.engine.classpath";

  private final JShellRuntime runtime;
  private final ReplTypes types;
  private int executionCount;

  EngineShell(LibraryLoader libraries) {
    this.runtime = JShellRuntime.builder(libraries)
        .api(Invocable.class, EngineShell.class)
        .compilerClassPath(extraClassPath())
        .build();
    runtime.shell().eval("int $jparallel$warmup = 0;"); // the first compile is slow: not in the first task
    this.types = new ReplTypes(runtime.loader(), this::nameableReplClass);
  }

  ClassLoader loader() {
    return runtime.loader();
  }

  ReplTypes types() {
    return types;
  }

  /** Stops the running snippet (see {@link io.jparallel.jshell.SnippetExecutionControl#stop()}); does not wait. */
  void stop() {
    runtime.stop();
  }

  @Override
  public void close() {
    runtime.close();
  }

  /** Runs {@code code}, stopping at the first snippet that fails to compile or throws. */
  TaskResult execute(String code, boolean silent, BooleanSupplier aborted, int engineId) {
    if (!silent) {
      executionCount++;
    }
    Evaluation e = runtime.eval(code, aborted);
    if (e.stopped()) {
      return TaskResult.of(ErrorReport.aborted("execution was aborted").toContent(engineId));
    }
    if (e.error() != null) {
      SnippetError err = e.error();
      ObjectNode c = new ErrorReport(err.ename(), err.detail(), err.traceback()).toContent(engineId);
      c.put("execution_count", executionCount);
      return TaskResult.of(c);
    }
    ObjectNode content = Json.object().put("status", "ok").put("execution_count", executionCount);
    ObjectNode data = content.putObject("data");
    if (silent || !e.hasValue()) {
      return TaskResult.of(content);
    }
    data.put("text/plain", e.valueText());
    if (e.valueVariable() == null) {
      return TaskResult.of(content);
    }
    try {
      Object value = read(e.valueVariable());
      PayloadWriter writer = new PayloadWriter();
      content.set("value", writer.write(value, "value"));
      return new TaskResult(content, writer.buffers(), writer.raw());
    } catch (IllegalArgumentException | ReflectiveOperationException | java.io.UncheckedIOException ex) {
      return TaskResult.of(content); // shown as text; the object itself cannot travel
    }
  }

  /** The active variables, as {@code /vars} shows them. */
  List<VariableInfo> variables() {
    return runtime.variables();
  }

  /** The active, valid variable of that name. */
  Optional<VarSnippet> variable(String name) {
    return runtime.variable(name);
  }

  /** The real object a variable holds. */
  Object read(VarSnippet v) throws ReflectiveOperationException {
    return field(v).get(null);
  }

  /** The static field behind a variable, looked up once. */
  Field field(VarSnippet v) throws ReflectiveOperationException {
    return runtime.field(v);
  }

  /** Declares {@code type name;} and returns the new variable. */
  VarSnippet declare(String type, String name) {
    return runtime.declare(type, name);
  }

  /** A snippet-defined class is named by its simple name while a type of that name is active. */
  private boolean nameableReplClass(Class<?> c) {
    String simple = c.getSimpleName();
    return runtime.shell().types()
        .anyMatch(t -> t.name().equals(simple) && runtime.shell().status(t) == Snippet.Status.VALID);
  }

  private static List<Path> extraClassPath() {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty(CLASSPATH_PROPERTY, "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e));
      }
    }
    return out;
  }
}
