package io.jparallel.jshell;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * The one in-process JShell of jparallel, for the session and for engines alike: snippets run
 * in this JVM through a {@link SnippetExecutionControl} (bytecode kept for shipping, stop and
 * interrupt), source runs snippet by snippet ({@link #eval}) and fails with one
 * {@link SnippetError} rendering, variables are read and written as the objects they hold, and
 * {@link #addToClasspath} adds jars to the compiler's class path and to the
 * {@link LibraryLoader} that snippets (and an engine's shipped lambdas) load from, in order
 * (what others add to that loader reaches the compiler at the next {@link #eval}).
 * Used from one thread at a time, except {@link #stop()}.
 */
public final class JShellRuntime implements AutoCloseable {
  private final JShell shell;
  private final SnippetExecutionControl control;
  private final SnippetLoaderDelegate delegate;
  private final Map<VarSnippet, Field> fields = new ConcurrentHashMap<>();
  private final Set<Path> compilerHas;
  private final Temporaries temporaries = new Temporaries();
  private volatile boolean stopping;
  private volatile boolean evaluating;

  private JShellRuntime(JShell shell, SnippetExecutionControl control, SnippetLoaderDelegate delegate,
      Set<Path> compilerHas) {
    this.shell = shell;
    this.control = control;
    this.delegate = delegate;
    this.compilerHas = compilerHas;
  }

  /** A runtime whose snippets load libraries and the API through {@code libraries}. */
  public static Builder builder(LibraryLoader libraries) {
    return new Builder(libraries);
  }

  /** Sets up a {@link JShellRuntime}. */
  public static final class Builder {
    private final LibraryLoader libraries;
    private final List<Class<?>> api = new ArrayList<>();
    private final List<Path> compilerClassPath = new ArrayList<>();
    private Consumer<JShell.Builder> configure = b -> { };

    private Builder(LibraryLoader libraries) {
      this.libraries = libraries;
    }

    /** Classes whose jars or class directories come first on the compiler's class path (the API). */
    public Builder api(Class<?>... classes) {
      api.addAll(List.of(classes));
      return this;
    }

    /** More entries for the compiler, after the API's and before the launch class path. */
    public Builder compilerClassPath(List<Path> entries) {
      compilerClassPath.addAll(entries);
      return this;
    }

    /** Further settings of the JShell (streams, id generator, ...). */
    public Builder configure(Consumer<JShell.Builder> configure) {
      this.configure = configure;
      return this;
    }

    public JShellRuntime build() {
      SnippetLoaderDelegate delegate = new SnippetLoaderDelegate(libraries);
      SnippetExecutionControl.Provider provider = new SnippetExecutionControl.Provider(delegate);
      JShell.Builder b = JShell.builder().executionEngine(provider, Map.of());
      configure.accept(b);
      JShell shell = b.build();
      // JShell's compiler starts from java.class.path (following its jars' manifests); a
      // --class-path compiler option would override every later addToClasspath
      Set<Path> entries = new LinkedHashSet<>(ClassPath.locationsOf(api));
      entries.addAll(compilerClassPath);
      entries.addAll(libraries.entries());
      for (Path p : entries) {
        shell.addToClasspath(p.toString());
      }
      return new JShellRuntime(shell, provider.control(), delegate, entries);
    }
  }

  public JShell shell() {
    return shell;
  }

  public SnippetExecutionControl control() {
    return control;
  }

  /** The loader of snippet classes. */
  public ClassLoader loader() {
    return delegate.loader();
  }

  /** The loader of libraries added at run time: the snippet loader's parent. */
  public LibraryLoader libraries() {
    return delegate.libraries();
  }

  /**
   * Adds jars or class directories, in order, to what snippets compile against and load
   * from (the {@link LibraryLoader}). Entries already added are skipped; a missing one fails
   * the call before anything is added.
   */
  public void addToClasspath(List<Path> entries) {
    List<Path> added = new ArrayList<>();
    for (Path entry : entries) {
      Path p = entry.toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("no such jar or directory: " + entry);
      }
      if (!added.contains(p) && !libraries().entries().contains(p)) {
        added.add(p);
      }
    }
    for (Path p : added) {
      libraries().add(p);
    }
    syncCompiler();
  }

  /**
   * Gives the compiler what was added to the {@link LibraryLoader} since it last looked, in
   * order: an engine adds shipped jars to its loader from its I/O thread, and its JShell sees
   * them at its next run. (The delegate leaves loading to the libraries.)
   */
  private void syncCompiler() {
    for (Path p : libraries().entries()) {
      if (compilerHas.add(p)) {
        shell.addToClasspath(p.toString());
      }
    }
  }

  /** Runs {@code source} snippet by snippet; stops at the first that fails. */
  public Evaluation eval(String source) {
    return eval(source, () -> false);
  }

  /**
   * Runs {@code source} snippet by snippet, stopping at the first that does not compile or
   * throws, or once {@code cancelled} says so or {@link #stop()} is called.
   */
  public Evaluation eval(String source, BooleanSupplier cancelled) {
    stopping = false;
    control.resetStop();
    evaluating = true;
    try {
      return run(source, cancelled);
    } finally {
      evaluating = false;
    }
  }

  private Evaluation run(String source, BooleanSupplier cancelled) {
    syncCompiler();
    BooleanSupplier stop = () -> stopping || cancelled.getAsBoolean();
    long[] t0 = {control.cpuNanos(), control.userNanos(), control.runNanos()};
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    List<String> notes = new ArrayList<>();
    String valueText = null;
    VarSnippet valueVariable = null;
    String rest = source;
    while (!rest.isBlank()) {
      if (stop.getAsBoolean()) {
        return stopped(t0, notes);
      }
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      String snippet;
      if (info.completeness().isComplete() && info.source() != null) {
        snippet = info.source();
        rest = info.remaining();
      } else {
        snippet = rest; // incomplete: let JShell say what is wrong
        rest = "";
      }
      restore(temporaries.mentioned(snippet));
      SnippetEvent main = null;
      for (SnippetEvent e : shell.eval(snippet)) {
        if (e.causeSnippet() == null) { // not an update of a snippet that depends on this one
          main = e;
          break;
        }
      }
      if (main == null) {
        continue;
      }
      if (stop.getAsBoolean() || control.lastStopped()) {
        return stopped(t0, notes);
      }
      Snippet s = main.snippet();
      if (main.status() == Snippet.Status.REJECTED) {
        return failed(withDroppedHint(SnippetError.compile(shell, s), snippet), t0, notes);
      }
      temporaries.ran(shell, s, main.value(), this::park, fields::remove);
      if (main.exception() != null) {
        return failed(SnippetError.thrown(main.exception()), t0, notes);
      }
      if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        notes.add("created " + describe(s) + ", but it cannot be used until "
            + shell.unresolvedDependencies((DeclarationSnippet) s).collect(Collectors.joining(", ")) + " is declared");
      }
      boolean expression = s.kind() == Snippet.Kind.EXPRESSION || isTemporary(s);
      valueText = expression ? main.value() : null;
      valueVariable = valueText == null ? null : valueVariable(s).orElse(null);
    }
    return evaluation(null, false, valueText, valueVariable, t0, notes);
  }

  /** A temporary as {@link Temporaries} holds it once it leaves JShell; null when its value cannot be read. */
  private Temporaries.Parked park(VarSnippet v, String valueText) {
    try {
      Field f = field(v);
      return new Temporaries.Parked(v, v.typeName(), f.getGenericType().getTypeName(), valueText, f.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Declares parked temporaries again with their values, before the snippet that names them:
   * as the type JShell showed, else as their field's full type, else as {@code Object}.
   */
  private void restore(List<Temporaries.Parked> back) {
    for (Temporaries.Parked p : back) {
      for (String type : new LinkedHashSet<>(List.of(p.typeName(), p.fullTypeName(), "Object"))) {
        if (declaredAs(type, p)) {
          break;
        }
      }
    }
  }

  private boolean declaredAs(String type, Temporaries.Parked p) {
    try {
      field(declare(type, p.name())).set(null, p.value());
      return true;
    } catch (IllegalStateException | IllegalArgumentException | ReflectiveOperationException e) {
      return false;
    }
  }

  /** A compile error naming an expression value this runtime let go of says so. */
  private SnippetError withDroppedHint(SnippetError error, String source) {
    String name = temporaries.droppedIn(source);
    if (name == null) {
      return error;
    }
    List<String> lines = new ArrayList<>(error.traceback());
    lines.add(name + " was let go: only the last " + Temporaries.KEPT
        + " expression values ($N) stay, and every one a later snippet names; keep a value in a variable of your own");
    return new SnippetError(error.ename(), error.evalue(), lines);
  }

  private Evaluation stopped(long[] t0, List<String> notes) {
    return evaluation(null, true, null, null, t0, notes);
  }

  private Evaluation failed(SnippetError error, long[] t0, List<String> notes) {
    return evaluation(error, false, null, null, t0, notes);
  }

  /** {@code t0}: the control's CPU, user and run nanoseconds when the eval started. */
  private Evaluation evaluation(SnippetError error, boolean stopped, String valueText, VarSnippet valueVariable,
      long[] t0, List<String> notes) {
    return new Evaluation(error, stopped, valueText, valueVariable, control.cpuNanos() - t0[0],
        control.userNanos() - t0[1], control.runNanos() - t0[2], notes);
  }

  private static boolean isTemporary(Snippet s) {
    return s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  /** The variable holding an expression snippet's value: its temp var, or the variable it names or assigns. */
  private Optional<VarSnippet> valueVariable(Snippet s) {
    if (isTemporary(s)) {
      return Optional.of((VarSnippet) s);
    }
    if (s instanceof ExpressionSnippet e && (e.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND
        || e.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND)) {
      return variable(e.name());
    }
    return Optional.empty();
  }

  private static String describe(Snippet s) {
    if (s instanceof MethodSnippet m) {
      return "method " + m.name() + "(" + m.parameterTypes() + ")";
    }
    if (s instanceof TypeDeclSnippet t) {
      return "class " + t.name();
    }
    if (s instanceof VarSnippet v) {
      return "variable " + v.name();
    }
    return "snippet";
  }

  /**
   * The active variables and the parked expression values, in the order they were declared, as
   * {@code /vars} lists them; none of jparallel's own ({@code $jparallel$...}).
   */
  public List<VariableInfo> variables() {
    List<VariableInfo> out = new ArrayList<>();
    // JShell's variables() are the active ones only
    shell.snippets().filter(s -> s instanceof VarSnippet).map(s -> (VarSnippet) s)
        .filter(v -> !v.name().startsWith("$jparallel") && (shell.status(v).isActive() || parked(v)))
        .forEach(v -> out.add(describe(v)));
    return out;
  }

  /** Whether {@code v} is an expression value held outside JShell ({@link Temporaries}): usable by name, listed by {@code /vars}. */
  public boolean parked(VarSnippet v) {
    return temporaries.parked(v).isPresent();
  }

  /** Lets go of a parked expression value ({@code /drop $3}); false when {@code v} is not one. */
  public boolean forget(VarSnippet v) {
    return temporaries.forget(v);
  }

  /** A variable as {@code /vars} shows it: name, type and JShell's text of its value. */
  public VariableInfo describe(VarSnippet v) {
    Optional<Temporaries.Parked> p = temporaries.parked(v);
    if (p.isPresent()) {
      return new VariableInfo(v.name(), p.get().typeName(), p.get().valueText());
    }
    String value;
    try {
      value = shell.status(v) == Snippet.Status.VALID ? shell.varValue(v) : "(not initialized)";
    } catch (RuntimeException e) {
      value = "(" + e.getClass().getSimpleName() + ")";
    }
    return new VariableInfo(v.name(), v.typeName(), value);
  }

  /** The active, valid variable of that name. */
  public Optional<VarSnippet> variable(String name) {
    return shell.variables()
        .filter(v -> v.name().equals(name) && shell.status(v) == Snippet.Status.VALID)
        .reduce((a, b) -> b);
  }

  /** The object a variable holds (not its printed form). */
  public Object valueOf(VarSnippet v) {
    try {
      return field(v).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read variable " + v.name() + ": " + e, e);
    }
  }

  /** The static field behind a variable, looked up once. */
  public Field field(VarSnippet v) throws ReflectiveOperationException {
    Field f = fields.get(v);
    if (f == null) {
      String wrapper = control.wrapperClassOf(() -> shell.varValue(v));
      if (wrapper == null) {
        throw new NoSuchFieldException("variable " + v.name() + " has no field");
      }
      f = control.liveClass(wrapper).getDeclaredField(v.name());
      f.setAccessible(true);
      fields.put(v, f);
    }
    return f;
  }

  /** Declares {@code type name;} and returns the new variable. */
  public VarSnippet declare(String type, String name) {
    control.resetStop();
    syncCompiler();
    String source = type + " " + name + ";";
    for (SnippetEvent e : shell.eval(source)) {
      if (e.causeSnippet() == null) {
        if (e.status() == Snippet.Status.VALID && e.snippet() instanceof VarSnippet v) {
          return v;
        }
        throw new IllegalStateException("could not declare " + source + ": "
            + SnippetError.compile(shell, e.snippet()).detail());
      }
    }
    throw new IllegalStateException("could not declare " + source);
  }

  /**
   * Stops the running snippet (Ctrl-C, an abort), or the one being compiled before it starts;
   * {@link #eval} then reports it stopped.
   */
  public void stop() {
    stopping = true;
    control.stop();
  }

  /** Whether source is being compiled or run now ({@link #eval}). */
  public boolean busy() {
    return evaluating || control.busy();
  }

  @Override
  public void close() {
    shell.close();
  }
}
