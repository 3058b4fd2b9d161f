package io.jparallel.session;

import io.jparallel.bench.BenchCharts;
import io.jparallel.bench.BenchReport;
import io.jparallel.client.JParallelException;
import io.jparallel.client.ProgressDisplay;
import io.jparallel.magics.BenchOptions;
import io.jparallel.magics.ClusterOptions;
import io.jparallel.magics.MagicCall;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicKind;
import io.jparallel.magics.MagicParser;
import io.jparallel.magics.MagicRegistry;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.ParsedInput;
import io.jparallel.magics.PxOptions;
import io.jparallel.magics.PxSettings;
import io.jparallel.magics.TimedCode;
import io.jparallel.magics.TimeitOptions;
import io.jparallel.magics.TimeitResult;
import io.jparallel.magics.UsageError;
import io.jparallel.wire.Log;
import io.jparallel.wire.Profiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session core the REPL, the kernel and {@code jpar run} share: an in-process JShell
 * with the client API imported, the session's cluster, and the magics. It takes a cell and
 * yields outputs (to a {@link SessionOutput}) and a {@link CellResult}; it knows no terminal
 * and no Jupyter.
 */
public final class Session implements AutoCloseable {
  private final SessionOptions options;
  private final LocalShell shell;
  private final ClusterBinding cluster;
  private final PxRunner.Waiter waiter = new PxRunner.Waiter();
  private final PxRunner px;
  private final TimingMagics timing;
  private final MagicRegistry<Session> magics = new MagicRegistry<>();
  private final Object running = new Object();
  private volatile boolean autopx;
  private volatile boolean interrupted;
  private volatile int executionCount;

  private Session(SessionOptions options) {
    this.options = options;
    OutputRouter.install();
    logToFile(options.profile());
    this.shell = new LocalShell(options.classPath());
    this.cluster = new ClusterBinding(shell);
    this.px = new PxRunner(cluster, waiter);
    this.timing = new TimingMagics(shell);
    registerMagics();
    Displays.register(BenchReport.class, Session::benchDisplay);
    Displays.register(io.jparallel.client.EngineValues.class, Session::byEngine);
  }

  /**
   * Opens a session: JShell, and the cluster the options ask for. Throws
   * {@link JParallelException} with a one-line message when the cluster cannot be had.
   */
  public static Session open(SessionOptions options) {
    Session s = new Session(options);
    try {
      switch (options.cluster()) {
        case LOCAL -> s.cluster.start(options.engines() > 0 ? options.engines() : SessionOptions.defaultEngines(),
            options.profile());
        case CONNECT -> s.cluster.connect(options.connectFile());
        default -> { }
      }
    } catch (RuntimeException e) {
      s.close();
      throw e instanceof JParallelException j ? j : new JParallelException(e.getMessage(), e);
    }
    return s;
  }

  /** Runs one cell: magics, or JShell source. Output streams to {@code out} while it runs. */
  public CellResult execute(String cell, SessionOutput out) {
    synchronized (running) {
      interrupted = false;
      waiter.reset();
      SessionOutput before = OutputRouter.current();
      OutputRouter.use(out);
      ProgressDisplay.install(new ProgressAdapter(out));
      executionCount++;
      try {
        ParsedInput input = MagicParser.parse(cell);
        if (autopx && !(input instanceof MagicCall call && "autopx".equals(call.name()))
            && input instanceof ParsedInput.Code code) {
          return px.run(code.source(), px.defaults(), out);
        }
        return run(input, out);
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
        Thread.interrupted();
        if (!out.receivesLateOutput()) {
          OutputRouter.use(before);
        }
      }
    }
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
    Object result = magics.run(call, this);
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
    return CellResult.ok(result == null ? null : Displays.render(result));
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
    return CellResult.ok(o.hasValue() ? valueDisplay(o) : null);
  }

  static Display valueDisplay(LocalShell.Outcome o) {
    if (o.value() != null) {
      Optional<Display> rendered = Displays.renderer(o.value());
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
    waiter.interrupt();
    if (shell.busy()) {
      shell.stop();
    }
  }

  public Completions complete(String code, int cursor) {
    String before = code.substring(0, Math.min(cursor, code.length()));
    String line = before.substring(before.lastIndexOf('\n') + 1);
    if (line.startsWith("%")) {
      return completeMagic(line, cursor - line.length());
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

  public boolean autopx() {
    return autopx;
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
    cluster.close();
    shell.close();
    OutputRouter.use(null);
  }

  // ---- magics ---------------------------------------------------------------------------

  private void registerMagics() {
    magics.register(MagicCatalog.PX.bind((inv, s) -> {
      PxSettings settings = inv.options(PxOptions.class).applyTo(px.defaults());
      String code = inv.source();
      if (code.isBlank()) {
        throw new UsageError("%px needs code to run (see %px?)");
      }
      SessionOutput out = OutputRouter.current();
      code = remoteMagic(code);
      CellResult local = settings.local() ? runCode(code, out) : null;
      CellResult remote = px.run(code, settings, out);
      return local != null && !local.ok() ? local : remote;
    }));
    magics.register(MagicCatalog.AUTOPX.bind((inv, s) -> {
      autopx = !autopx;
      return new MagicText(autopx ? "%autopx enabled" : "%autopx disabled");
    }));
    magics.register(MagicCatalog.PXRESULT.bind((inv, s) -> px.result(OutputRouter.current())));
    magics.register(MagicCatalog.PXCONFIG.bind((inv, s) -> {
      px.defaults(inv.options(PxOptions.class).applyTo(px.defaults()));
      return new MagicText("%px defaults: " + px.defaults());
    }));
    magics.register(MagicCatalog.CLUSTER.bind((inv, s) -> {
      ClusterOptions o = inv.options(ClusterOptions.class);
      int n = o.engines().orElse(SessionOptions.defaultEngines());
      String profile = o.profile().orElse(options.profile());
      return new MagicText(switch (o.action()) {
        case START -> cluster.start(n, profile);
        case RESTART -> cluster.restart(n, profile);
        case STOP -> cluster.stop();
        case STATUS -> cluster.status();
        case CONNECT -> cluster.connect(o.file().map(Path::of).orElse(null));
      });
    }));
    magics.register(MagicCatalog.TIME.bind((inv, s) -> timing.time(TimedCode.of(inv), OutputRouter.current())));
    magics.register(MagicCatalog.TIMEIT.bind((inv, s) -> {
      TimeitOptions o = inv.options(TimeitOptions.class);
      TimeitResult r = timing.timeit(TimedCode.of(inv), o);
      String text = o.output(r);
      if (!text.isEmpty()) {
        OutputRouter.current().stdout(text + "\n");
      }
      TimeitResult value = o.value(r);
      return value == null ? CellResult.ok(null) : CellResult.ok(Display.text(value.toString()));
    }));
    magics.register(MagicCatalog.BENCH.bind((inv, s) -> BenchMagic.run(cluster.client(), inv.options(BenchOptions.class))));
    magics.register(MagicCatalog.DASHBOARD.bind((inv, s) -> DashboardMagic.show(cluster.dashboard())));
  }

  /** {@code %px %timeit STMT} (or {@code %%timeit}) times on the engines: the loop travels as code. */
  private String remoteMagic(String code) {
    ParsedInput p = MagicParser.parse(code.strip());
    if (p instanceof MagicCall call && "timeit".equals(call.name())) {
      io.jparallel.magics.MagicInvocation inv = magics.parse(call);
      return TimingMagics.remoteTimeit(TimedCode.of(inv), inv.options(TimeitOptions.class));
    }
    if (p instanceof MagicCall call) {
      throw new UsageError("%px runs JShell source and %timeit on engines; " + call.displayName()
          + " cannot run there");
    }
    return code;
  }

  /** {@code dv.pull(...)} and {@code dv.apply(...)} results: a table by engine in notebooks. */
  private static Display byEngine(io.jparallel.client.EngineValues<?> values) {
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

  /** Engine and controller logs of a session's own cluster go to a file, not into cells. */
  private static void logToFile(String profile) {
    try {
      Path dir = Profiles.logs(profile);
      Files.createDirectories(dir);
      Path file = dir.resolve("session-" + ProcessHandle.current().pid() + ".log");
      Log.to(new PrintStream(new FileOutputStream(file.toFile(), true), true, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      Log.to(OutputRouter.ORIGINAL_ERR);
    }
  }

  /** {@link io.jparallel.client.AsyncResult#waitInteractive()} in a cell shows progress in the cell's output. */
  private record ProgressAdapter(SessionOutput out) implements ProgressDisplay {
    @Override
    public void update(int done, int total, Duration elapsed) {
      out.progress(done, total, elapsed);
    }

    @Override
    public void finish(int done, int total, Duration elapsed) {
      out.progressDone();
    }
  }

  @Override
  public String toString() {
    return "Session[" + (cluster.active() ? "cluster" : "no cluster") + (autopx ? ", autopx" : "") + "]";
  }
}
