package io.jparallel.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.jparallel.session.CellResult;
import io.jparallel.session.Completeness;
import io.jparallel.session.Completions;
import io.jparallel.session.Display;
import io.jparallel.session.SessionOutput;
import java.util.List;

/**
 * The jparallel kernel in basekernel's terms: language info, eval, completion, inspection,
 * is_complete, history, interrupt and shutdown, all delegated to the session core
 * ({@link Interpreter}). The protocol around it (sockets, validation, replies, IOPub) is
 * ours: see {@link KernelServer}; basekernel's own handlers and loops are not used.
 */
public final class JParallelKernel extends BaseKernel {
  private final Interpreter interpreter;
  private final SessionHistory history = new SessionHistory();

  public JParallelKernel(Interpreter interpreter) {
    this.interpreter = interpreter;
    setShouldReplaceStdStreams(false);
  }

  /** Runs a cell with its output streaming to {@code out}. */
  public CellResult execute(String code, SessionOutput out) {
    return interpreter.execute(code, out);
  }

  /** Evaluates an expression quietly (for {@code user_expressions}): its value, or the failure. */
  @Override
  public DisplayData eval(String expr) throws CellFailedException {
    DisplayData d = new DisplayData();
    evaluate(expr).data().forEach(d::putData);
    return d;
  }

  /** The value of an expression run without output; {@code text/plain} "" when it has none. */
  public Display evaluate(String expr) throws CellFailedException {
    CellResult r = interpreter.execute(expr, CellOutput.SILENT);
    if (!r.ok()) {
      throw new CellFailedException(r.error());
    }
    return r.value() == null ? Display.text("") : r.value();
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jsh", "java", "java", "script");
  }

  @Override
  public String getBanner() {
    return "jparallel " + implementationVersion() + " - Java " + Runtime.version()
        + "\n%cluster start -n 2 starts engines; %lsmagic lists the magics.";
  }

  public static String implementationVersion() {
    String v = JParallelKernel.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public List<LanguageInfo.Help> getHelpLinks() {
    return List.of(new LanguageInfo.Help("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
        new LanguageInfo.Help("JShell", "https://docs.oracle.com/en/java/javase/17/jshell/"));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Completions c = interpreter.complete(code, at);
    return new ReplacementOptions(c.candidates(), c.anchor(), at);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return interpreter.inspect(code, at).map(DisplayData::new).orElse(null);
  }

  /** {@code complete}, {@code invalid}, or the indent of the next line when incomplete (basekernel's convention). */
  @Override
  public String isComplete(String code) {
    Completeness c = interpreter.isComplete(code);
    return switch (c.kind()) {
      case COMPLETE -> IS_COMPLETE_YES;
      case INVALID -> IS_COMPLETE_BAD;
      case INCOMPLETE -> c.indent() == null ? "" : c.indent();
    };
  }

  @Override
  public SessionHistory getHistoryManager() {
    return history;
  }

  @Override
  public void interrupt() {
    interpreter.interrupt();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    interpreter.close();
  }

  @Override
  public List<String> formatError(Exception e) {
    if (e instanceof CellFailedException f) {
      return f.error().traceback();
    }
    return List.of(e.getClass().getSimpleName() + ": " + e.getMessage());
  }
}
