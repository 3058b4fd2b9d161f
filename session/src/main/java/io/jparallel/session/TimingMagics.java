package io.jparallel.session;

import io.jparallel.client.JParallelException;
import io.jparallel.magics.TimedCode;
import io.jparallel.magics.TimeitOptions;
import io.jparallel.magics.UsageError;
import io.jparallel.timing.LoopTimer;
import io.jparallel.timing.TimeMagicResult;
import io.jparallel.timing.TimeitResult;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.Snippet;

/**
 * {@code %time} and {@code %timeit}. Every JShell eval is a javac compile (10-15 ms), so
 * {@code %timeit} compiles the statement once, into a {@link LoopTimer} whose loop runs it,
 * and times that: a {@code %timeit Math.sqrt(2)} reports nanoseconds, not compile time.
 */
final class TimingMagics {
  private final LocalShell shell;
  private final AtomicInteger counter = new AtomicInteger();

  TimingMagics(LocalShell shell) {
    this.shell = shell;
  }

  /**
   * {@code %time}: one run; CPU and wall time printed, the value returned. As in IPython the
   * times are the run's (CPU of the thread that ran it, wall while it ran); JShell's compile
   * shows as {@code Compiler : ...} when it took over 0.1 s.
   */
  CellResult time(TimedCode code, SessionOutput out) {
    if (code.statement().isBlank()) {
      throw new UsageError("%time needs a statement to time, e.g. %time fib(30) (see %time?)");
    }
    String source = code.setup().isBlank() ? code.statement() : code.setup() + "\n" + code.statement();
    long t0 = System.nanoTime();
    LocalShell.Outcome o = shell.eval(source);
    long elapsed = System.nanoTime() - t0;
    if (o.stopped()) {
      return CellResult.aborted("%time interrupted");
    }
    if (o.error() != null) {
      return CellResult.error(o.error());
    }
    TimeMagicResult r = TimeMagicResult.of(o.userNanos() / 1e9, o.cpuNanos() / 1e9, o.runNanos() / 1e9)
        .withCompileSeconds(Math.max(0, elapsed - o.runNanos()) / 1e9);
    out.stdout(r + "\n");
    return CellResult.ok(o.hasValue() ? Session.valueDisplay(o) : null);
  }

  /** {@code %timeit}: IPython's algorithm over a loop compiled once. */
  TimeitResult timeit(TimedCode code, TimeitOptions options) throws Exception {
    String statement = code.statement().strip();
    if (statement.isEmpty()) {
      throw new UsageError("%timeit needs a statement to time, e.g. %timeit Math.sqrt(2) (see %timeit?)");
    }
    long t0 = System.nanoTime();
    Compiled c = compile(code.setup(), statement);
    double compile = (System.nanoTime() - t0) / 1e9;
    try {
      return options.run(c.timer()).withCompileTime(compile);
    } finally {
      shell.shell().drop(c.snippet());
      shell.shell().drop(c.instance());
    }
  }

  /** The loop method's snippet and the snippet of the timer's temporary variable: both dropped after the run. */
  private record Compiled(LoopTimer timer, Snippet snippet, Snippet instance) {}

  /**
   * The loop is a REPL method (not a class) so that a lambda in the timed statement ships
   * exactly what it reads: for REPL classes every method counts as reachable, which would
   * drag in the loop's own reads of {@code lv} and the like.
   */
  private Compiled compile(String setup, String statement) {
    String name = "$timeit" + counter.incrementAndGet();
    LocalShell.Outcome last = null;
    for (boolean asExpression : new boolean[] {true, false}) {
      last = shell.eval(loopMethod(name, setup, statement, asExpression));
      if (last.ok()) {
        Snippet snippet = shell.shell().snippets().filter(s -> s.source().startsWith("long " + name + "("))
            .reduce((a, b) -> b).orElseThrow();
        LocalShell.Outcome inst = shell.eval("(io.jparallel.timing.LoopTimer) loops -> " + name + "(loops)");
        if (!inst.ok() || !(inst.value() instanceof LoopTimer timer) || inst.valueVariable() == null) {
          throw new JParallelException("could not create the timing loop of %timeit");
        }
        return new Compiled(timer, snippet, inst.valueVariable());
      }
    }
    ErrorInfo e = last.error();
    throw new StatementError(e != null ? e : new ErrorInfo("CompileError", "cannot time: " + statement, java.util.List.of()));
  }

  static String loopMethod(String name, String setup, String statement, boolean asExpression) {
    return "long " + name + "(long loops) throws Exception {\n" + setup + "\n" + loopBody(statement, asExpression) + "\n}";
  }

  /**
   * JShell source of a {@link LoopTimer} class that runs {@code statement} {@code loops} times
   * after {@code setup} (used on engines, whose execute has no shipping concerns).
   */
  static String loopClass(String name, String setup, String statement, boolean asExpression) {
    return "class " + name + " implements io.jparallel.timing.LoopTimer {"
        + " public long time(long loops) throws Exception {\n" + setup + "\n" + loopBody(statement, asExpression) + "\n} }";
  }

  /** As an expression its value is kept (so the JIT cannot drop it); otherwise it runs as a statement. */
  private static String loopBody(String statement, boolean asExpression) {
    String s = statement.strip();
    return asExpression
        ? "Object __v = null; long __t0 = System.nanoTime();"
            + " for (long __i = 0; __i < loops; __i++) { __v = " + trimSemicolon(s) + "; }"
            + " long __t = System.nanoTime() - __t0; io.jparallel.timing.Blackhole.sink = __v; return __t;"
        : "long __t0 = System.nanoTime();"
            + " for (long __i = 0; __i < loops; __i++) {\n" + (s.endsWith(";") || s.endsWith("}") ? s : s + ";")
            + "\n} return System.nanoTime() - __t0;";
  }

  /**
   * JShell source that times {@code code} on an engine ({@code %px %timeit ...}) and prints
   * IPython's line there: engines have no magics, so the loop and the report travel as code.
   */
  static String remoteTimeit(TimedCode code, TimeitOptions options) {
    String s = code.statement().strip();
    boolean statementLike = s.endsWith(";") || s.endsWith("}") || s.contains("++") || s.contains("--")
        || s.matches("(?s)^[\\w.\\[\\]]+\\s*[-+*/%&|^]?=[^=].*") || s.endsWith(")");
    return loopClass("$PxTimeit", code.setup(), s, !statementLike) + "\n"
        + "System.out.println(io.jparallel.timing.Timeit.run(new $PxTimeit(), "
        + options.loops().orElse(0L) + "L, " + options.repeat() + ", " + options.precision() + ").report());";
  }

  private static String trimSemicolon(String s) {
    String t = s.strip();
    return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
  }

  /** The statement given to a timing magic does not compile; carries JShell's diagnostic. */
  static final class StatementError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorInfo error;

    StatementError(ErrorInfo error) {
      super(error.headline(), null, false, false);
      this.error = error;
    }
  }
}
