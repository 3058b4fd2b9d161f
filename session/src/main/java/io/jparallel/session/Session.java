package io.jparallel.session;

import io.jparallel.bench.BenchCharts;
import io.jparallel.bench.BenchReport;
import io.jparallel.client.EngineValues;
import io.jparallel.client.ExecuteResults;
import io.jparallel.client.JParallelException;
import io.jparallel.jshell.CompilerWarmup;
import io.jparallel.magics.MagicCall;
import io.jparallel.magics.MagicKind;
import io.jparallel.magics.MagicParser;
import io.jparallel.magics.MagicRegistry;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.MavenOptions;
import io.jparallel.magics.ParsedInput;
import io.jparallel.magics.UsageError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session core the REPL, the kernel and {@code jpar run} share: an in-process JShell
 * with the client API imported, the session's cluster, and the magics (each a class of its
 * own in a {@link MagicRegistry}). It takes a cell and yields outputs (to a
 * {@link SessionOutput}) and a {@link CellResult}; it knows no terminal and no Jupyter.
 * Sessions in one JVM share nothing: each has its own {@link SessionContext} (cell output,
 * renderers, client), bound to the thread that runs its cells.
 */
public final class Session implements AutoCloseable {
  private final SessionContext context = new SessionContext();
  private final LocalShell shell;
  private final ClusterBinding cluster;
  private final SessionLibraries libraries;
  private final PxRunner px;
  private final MagicRegistry<SessionOutput> magics = new MagicRegistry<>();
  private final List<String> history = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final JShellCommands commands;
  private final Object running = new Object();
  private volatile boolean interrupted;
  private volatile boolean executing;
  /** When the last cell ended ({@link System#nanoTime()}): javac's warm-up waits for a quiet session. */
  private volatile long lastCellEnded = System.nanoTime();
  private volatile CompilerWarmup warmup;
  private volatile int executionCount;

  private Session(SessionOptions options) {
    OutputRouter.install();
    context.bindToCurrentThread();
    this.shell = new LocalShell(options.classPath());
    this.libraries = new SessionLibraries(shell);
    this.cluster = new ClusterBinding(shell, context, libraries);
    this.px = new PxRunner(cluster, () -> interrupted);
    TimingMagics timing = new TimingMagics(shell);
    this.commands = new JShellCommands(shell, () -> List.copyOf(history), this::runCell, this::isComplete, cluster::rebind);
    magics.register(new PxMagic(px, this::runCode))
        .register(new AutopxMagic(px))
        .register(new PxResultMagic(px))
        .register(new ResultMagic(px))
        .register(new WhoMagic(shell))
        .register(new WhosMagic(shell))
        .register(new PxConfigMagic(px))
        .register(new ClusterMagic(cluster, options.profile()))
        .register(new TimeMagic(timing))
        .register(new TimeitMagic(timing))
        .register(new BenchMagic(cluster))
        .register(new DashboardMagic(cluster))
        .register(new MavenMagic(libraries, cluster))
        .register(new ClasspathMagic(libraries, cluster));
    context.displays().register(BenchReport.class, Session::benchDisplay);
    context.displays().register(EngineValues.class, Session::byEngine);
  }

  /**
   * Opens a session: JShell, and the cluster the options ask for. Throws
   * {@link JParallelException} with a one-line message when the cluster cannot be had.
   */
  public static Session open(SessionOptions options) {
    return open(options, false);
  }

  /**
   * Opens a session; with {@code behind}, a local cluster starts on a thread of its own (from
   * {@link #beginClusterStart()} or the first cell on) and this returns as soon as JShell is up
   * (the REPL's prompt does not wait for engine JVMs): the first cell waits for it, and a
   * failure to start is told there.
   */
  public static Session open(SessionOptions options, boolean behind) {
    Session s = new Session(options);
    if (behind && options.cluster() == SessionOptions.ClusterMode.LOCAL) {
      s.cluster.startBehind(s.localCluster(options));
      return s;
    }
    try {
      switch (options.cluster()) {
        case LOCAL -> s.cluster.start(s.localCluster(options));
        case CONNECT -> s.cluster.connect(options.connectFile());
        default -> { }
      }
    } catch (RuntimeException e) {
      s.close();
      throw e instanceof JParallelException j ? j : new JParallelException(e.getMessage(), e);
    }
    return s;
  }

  private io.jparallel.cluster.Cluster.Builder localCluster(SessionOptions options) {
    return io.jparallel.cluster.Cluster.builder()
        .engines(options.engines() > 0 ? options.engines() : SessionOptions.defaultEngines()).profile(options.profile());
  }

  /**
   * Begins starting the local cluster of {@link #open(SessionOptions, boolean)} if it has not
   * begun (the REPL calls it as its prompt shows; the first cell does otherwise).
   */
  public void beginClusterStart() {
    cluster.begin();
  }

  /**
   * Warms javac up behind the session ({@link CompilerWarmup}: {@code JPAR_WARMUP} snippets in
   * a JShell of its own) once a local cluster starting behind it is up: the REPL and the kernel
   * do, for the cells a user types next, while no cell has run for a second; {@code jpar run} does not.
   */
  public void warmUpCompiler() {
    if (warmup == null) {
      warmup = CompilerWarmup.start(LocalShell.IMPORTS, CompilerWarmup.configured(), Duration.ofSeconds(2), this::warmupWaits);
    }
  }

  /** Whether javac's warm-up holds back now: a cluster starting, a cell running or one ended less than a second ago. */
  boolean warmupWaits() {
    return cluster.starting() || executing || System.nanoTime() - lastCellEnded < CompilerWarmup.QUIET_NANOS;
  }

  /** Whether the local cluster of {@link #open(SessionOptions, boolean)} is still starting. */
  public boolean clusterStarting() {
    return cluster.starting();
  }

  /** Runs one cell: magics, or JShell source. Output streams to {@code out} while it runs. */
  public CellResult execute(String cell, SessionOutput out) {
    synchronized (running) {
      interrupted = false;
      SessionOutput before = context.output();
      context.enterCell(out);
      executionCount++;
      executing = true;
      history.add(cell.stripTrailing());
      try {
        if (!cluster.awaitStart(out, () -> interrupted)) {
          return CellResult.aborted("interrupted");
        }
        return runCell(cell, out);
      } catch (UsageError e) {
        return CellResult.error(new ErrorInfo("UsageError", e.getMessage(), List.of(e.line())));
      } catch (TimingMagics.StatementError e) {
        return CellResult.error(e.error);
      } catch (JParallelException e) {
        return CellResult.error(new ErrorInfo(e.getClass().getSimpleName(), e.getMessage(), List.of(e.getMessage())));
      } catch (Exception e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        return CellResult.error(new ErrorInfo(e.getClass().getName(), msg, List.of(msg)));
      } finally {
        lastCellEnded = System.nanoTime();
        executing = false;
        Thread.interrupted();
        if (!out.receivesLateOutput()) {
          context.output(before);
        }
      }
    }
  }

  /** One cell's input: a JShell command, under {@code %autopx} code for the engines, magics or code. */
  private CellResult runCell(String cell, SessionOutput out) {
    if (JShellCommands.isCommand(cell)) {
      return commands.run(cell, out);
    }
    ParsedInput input = MagicParser.parse(cell);
    if (px.autopx() && !(input instanceof MagicCall call && "autopx".equals(call.name()))
        && input instanceof ParsedInput.Code code) {
      return px.run(code.source(), px.defaults(), out);
    }
    try {
      return run(input, out);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JParallelException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  /**
   * Whether a line ends the session rather than runs in it: {@code /exit} as in jshell, or
   * {@code exit} / {@code quit} as in IPython. The front ends ask (the REPL leaves, the kernel
   * asks {@code jupyter console} to, {@code jpar run} stops the script).
   */
  public static boolean isExit(String line) {
    return JShellCommands.isExit(line);
  }

  private CellResult run(ParsedInput input, SessionOutput out) throws Exception {
    if (input instanceof ParsedInput.Code code) {
      return runCode(code.source(), out);
    }
    if (input instanceof ParsedInput.HelpRequest help) {
      out.stdout(magics.help(help).text() + "\n");
      return CellResult.ok(null);
    }
    if (input instanceof ParsedInput.Sequence seq) {
      CellResult last = CellResult.ok(null);
      for (ParsedInput part : seq.parts()) {
        last = run(part, out);
        if (!last.ok() || interrupted) {
          return interrupted && last.ok() ? CellResult.aborted("interrupted") : last;
        }
      }
      return last;
    }
    MagicCall call = (MagicCall) input;
    Object result = magics.run(call, out);
    if (result instanceof CellResult r) {
      return r;
    }
    if (result instanceof MagicText t) {
      out.stdout(t.text().endsWith("\n") ? t.text() : t.text() + "\n");
      return CellResult.ok(null);
    }
    if (result instanceof Display d) {
      return CellResult.ok(d);
    }
    if (result instanceof String s) {
      out.stdout(s.endsWith("\n") ? s : s + "\n");
      return CellResult.ok(null);
    }
    return CellResult.ok(result == null ? null : context.displays().render(result));
  }

  private CellResult runCode(String source, SessionOutput out) {
    LocalShell.Outcome o = shell.eval(source);
    o.notes().forEach(n -> out.stderr(n + "\n"));
    if (o.stopped()) {
      return CellResult.aborted("interrupted");
    }
    if (o.error() != null) {
      return CellResult.error(o.error());
    }
    if (o.value() instanceof ExecuteResults results) { // dv.execute(...): what engines printed and gave, by engine
      String text = results.toString();
      if (!text.isEmpty()) {
        out.stdout(text + "\n");
      }
      return CellResult.ok(null);
    }
    return CellResult.ok(o.hasValue() ? valueDisplay(o) : null);
  }

  /** The display of a snippet's value: its session's renderer's, the value itself if it is a display, or its text. */
  static Display valueDisplay(LocalShell.Outcome o) {
    SessionContext c = SessionContext.current();
    if (o.value() != null && c != null) {
      Optional<Display> rendered = c.displays().renderer(o.value());
      if (rendered.isPresent()) {
        return rendered.get();
      }
      if (o.value() instanceof Display d) {
        return d;
      }
    }
    return Display.text(o.valueText());
  }

  /**
   * Stops what the running cell is doing, from another thread: the local snippet, or the
   * wait on remote tasks (which are aborted). {@link #execute} then returns ABORTED.
   */
  public void interrupt() {
    interrupted = true;
    if (shell.busy()) {
      shell.stop();
    } else if (executing) {
      stopWhenRunning(executionCount);
    }
  }

  /**
   * An interrupt that came while the cell's snippet was still compiling (seconds on a busy
   * machine) would be lost, and {@code while (true) {}} would run on: the snippet is stopped
   * as soon as it runs, unless the cell ends first.
   */
  private void stopWhenRunning(int cell) {
    Thread t = new Thread(() -> {
      while (executing && executionCount == cell) {
        if (shell.busy()) {
          shell.stop();
          return;
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "jparallel-interrupt");
    t.setDaemon(true);
    t.start();
  }

  public Completions complete(String code, int cursor) {
    String before = code.substring(0, Math.min(cursor, code.length()));
    String line = before.substring(before.lastIndexOf('\n') + 1);
    if (line.startsWith("%")) {
      return completeMagic(line, cursor - line.length());
    }
    if (before.equals(line) && line.startsWith("/") && !line.contains(" ") && !line.startsWith("//")) {
      return new Completions(0, JShellCommands.names().stream().filter(n -> n.startsWith(line)).toList());
    }
    return shell.complete(code, cursor);
  }

  private Completions completeMagic(String line, int lineStart) {
    boolean cellMagic = line.startsWith("%%");
    String rest = line.substring(cellMagic ? 2 : 1);
    int space = rest.indexOf(' ');
    if (space < 0) {
      List<String> names = new ArrayList<>();
      for (String n : magics.names(cellMagic ? MagicKind.CELL : MagicKind.LINE)) {
        if (n.startsWith(rest)) {
          names.add(n);
        }
      }
      return new Completions(lineStart + (cellMagic ? 2 : 1), names);
    }
    String name = rest.substring(0, space);
    int wordStart = line.lastIndexOf(' ') + 1;
    String word = line.substring(wordStart);
    List<String> flags = new ArrayList<>();
    magics.find(name).ifPresent(m -> m.definition().commandSpec().options().forEach(opt -> {
      for (String n : opt.names()) {
        if (n.startsWith(word) && (word.startsWith("-") || word.isEmpty())) {
          flags.add(n);
        }
      }
    }));
    flags.sort(null);
    return new Completions(lineStart + wordStart, flags);
  }

  public Completeness isComplete(String code) {
    if (JShellCommands.isCommand(code)) {
      return Completeness.COMPLETE;
    }
    if (MagicParser.isCellMagic(code)) {
      return MagicParser.isCellMagicComplete(code) ? Completeness.COMPLETE : Completeness.incomplete("");
    }
    String stripped = code.stripLeading();
    if (stripped.startsWith("%") || stripped.endsWith("?") && !stripped.contains("\n")) {
      return Completeness.COMPLETE;
    }
    return shell.isComplete(code);
  }

  public Optional<String> inspect(String code, int cursor) {
    return shell.inspect(code, cursor);
  }

  /** This session's display renderers: register one to show values of a type your way ({@code display(obj)}, cell values). */
  public Displays displays() {
    return context.displays();
  }

  public boolean autopx() {
    return px.autopx();
  }

  public int executionCount() {
    return executionCount;
  }

  /** The class loader of the session's snippets (for values and results of REPL-defined classes). */
  public ClassLoader classLoader() {
    return shell.loader();
  }

  /** Stops the cluster the session started (or disconnects), and closes JShell. */
  @Override
  public void close() {
    interrupt();
    if (warmup != null) {
      warmup.close();
    }
    cluster.close();
    libraries.close();
    shell.close();
    context.close();
  }

  /** {@code dv.pull(...)} and {@code dv.apply(...)} results: a table by engine in notebooks. */
  private static Display byEngine(EngineValues<?> values) {
    StringBuilder html = new StringBuilder("<table class=\"jparallel-engines\"><thead><tr><th>engine</th><th>value</th>"
        + "</tr></thead><tbody>");
    values.byEngine().forEach((engine, v) -> html.append("<tr><td>").append(engine).append("</td><td><pre>")
        .append(Html.escape(String.valueOf(v))).append("</pre></td></tr>"));
    return Display.html(values.toString(), html.append("</tbody></table>").toString());
  }

  private static Display benchDisplay(BenchReport r) {
    try {
      return Display.html(r.table().stripTrailing(), "<pre>" + Html.escape(r.table()) + "</pre>")
          .with("image/png", java.util.Base64.getEncoder().encodeToString(BenchCharts.png(r)));
    } catch (IOException e) {
      return Display.text(r.table());
    }
  }

  @Override
  public String toString() {
    return "Session[" + (cluster.active() ? "cluster" : "no cluster") + (px.autopx() ? ", autopx" : "") + "]";
  }
}
