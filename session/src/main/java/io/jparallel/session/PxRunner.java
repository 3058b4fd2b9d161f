package io.jparallel.session;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CompositeException;
import io.jparallel.client.ExecuteResult;
import io.jparallel.client.JParallelException;
import io.jparallel.client.RemoteException;
import io.jparallel.client.TaskMetadata;
import io.jparallel.magics.GroupOutputs;
import io.jparallel.magics.PxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code %px}, {@code %%px}, {@code %autopx} input and {@code %pxresult}: runs source on
 * engines and shows what they printed and returned with IPython parallel's labels
 * ({@code [stdout:0] ...}, {@code Out[0:3]: 42}, {@code [0:execute] ...}). Holds the
 * session's {@code %px} state: the defaults {@code %pxconfig} sets, whether {@code %autopx}
 * is on, the last run. Waits with {@link AsyncResult#await}, progress in the cell's output.
 */
final class PxRunner {
  /** One {@code %px}: its tasks and how to show them. */
  record PxRun(AsyncResult<List<ExecuteResult>> result, List<Integer> targets, PxSettings settings) {}

  private final ClusterBinding cluster;
  private final BooleanSupplier interrupted;
  private volatile PxSettings defaults = PxSettings.DEFAULTS;
  private volatile boolean autopx;
  private volatile PxRun last;

  /** {@code interrupted} says when the session was interrupted: a wait then stops and aborts its tasks. */
  PxRunner(ClusterBinding cluster, BooleanSupplier interrupted) {
    this.cluster = cluster;
    this.interrupted = interrupted;
  }

  boolean autopx() {
    return autopx;
  }

  /** {@code %autopx}: toggles it; true when it is now on. */
  boolean toggleAutopx() {
    autopx = !autopx;
    return autopx;
  }

  PxSettings defaults() {
    return defaults;
  }

  void defaults(PxSettings settings) {
    this.defaults = settings;
  }

  CellResult run(String code, PxSettings s, SessionOutput out) {
    List<Integer> targets = s.targets().isAll() ? cluster.client().ids() : s.targets().ids();
    if (targets.isEmpty()) {
      throw new JParallelException("no engines are registered");
    }
    AsyncResult<List<ExecuteResult>> ar = cluster.client().direct(targets).executeAsync(code);
    if (s.stream()) {
      ar.onOutput((engine, stream, text) -> {
        String shown = label(stream, engine, text);
        if ("stderr".equals(stream)) {
          out.stderr(shown);
        } else {
          out.stdout(shown);
        }
      });
    }
    PxRun run = new PxRun(ar, targets, s);
    last = run;
    if (!s.block()) {
      return CellResult.ok(Display.text("<AsyncResult: %px on engines " + targets + "; %pxresult shows it>"));
    }
    return show(run, out);
  }

  /** {@code %pxresult}: waits for the last {@code %px} and shows it. */
  CellResult result(SessionOutput out) {
    PxRun run = last;
    if (run == null) {
      throw new JParallelException("no %px has run yet");
    }
    return show(new PxRun(run.result(), run.targets(), withStream(run.settings(), false)), out);
  }

  private static PxSettings withStream(PxSettings s, boolean stream) {
    return new PxSettings(s.targets(), s.block(), s.groupOutputs(), stream, s.local(), s.timeout(), s.verbose());
  }

  private CellResult show(PxRun run, SessionOutput out) {
    AsyncResult<List<ExecuteResult>> ar = run.result();
    AsyncResult.WaitOutcome w = ar.await(run.settings().timeout().orElse(null), out, interrupted);
    if (w == AsyncResult.WaitOutcome.INTERRUPTED) {
      ar.abort();
      return CellResult.aborted("%px interrupted; its tasks were aborted on engines " + run.targets());
    }
    if (w == AsyncResult.WaitOutcome.TIMED_OUT) {
      ar.abort();
      return CellResult.error(new ErrorInfo("TaskTimeoutException", "%px did not finish within "
          + run.settings().timeout().map(Duration::toSeconds).orElse(0L) + " s; its tasks were stopped", List.of()));
    }
    List<TaskMetadata> meta = ar.metadataAll();
    List<ExecuteResult> results = new ArrayList<>();
    List<JParallelException> errors = new ArrayList<>();
    try {
      results.addAll(ar.get());
    } catch (CompositeException e) {
      errors.addAll(e.causes());
    } catch (JParallelException e) {
      errors.add(e);
    }
    String text = render(run, meta, results);
    if (!text.isEmpty()) {
      out.display(Display.html(text, html(run, meta, results, errors)));
    }
    if (!errors.isEmpty()) {
      return CellResult.error(error(errors));
    }
    return CellResult.ok(null);
  }

  private String render(PxRun run, List<TaskMetadata> meta, List<ExecuteResult> results) {
    boolean streamed = run.settings().stream();
    StringBuilder sb = new StringBuilder();
    if (run.settings().groupOutputs() == GroupOutputs.ENGINE) {
      for (int i = 0; i < meta.size(); i++) {
        TaskMetadata m = meta.get(i);
        if (!streamed) {
          append(sb, label("stdout", m.engineId(), m.stdout()));
          append(sb, label("stderr", m.engineId(), m.stderr()));
        }
        resultOf(results, m.engineId()).ifPresent(r -> append(sb, r.display() + "\n"));
      }
    } else {
      if (!streamed) {
        for (TaskMetadata m : meta) {
          append(sb, label("stdout", m.engineId(), m.stdout()));
        }
        for (TaskMetadata m : meta) {
          append(sb, label("stderr", m.engineId(), m.stderr()));
        }
      }
      for (ExecuteResult r : results) {
        if (r.text() != null) {
          append(sb, r.display() + "\n");
        }
      }
    }
    if (run.settings().verbose()) {
      append(sb, "[done] %px on engines " + run.targets() + " in " + run.result().wallTime().toMillis() + " ms\n");
    }
    return sb.toString().stripTrailing();
  }

  private static java.util.Optional<ExecuteResult> resultOf(List<ExecuteResult> results, int engine) {
    return results.stream().filter(r -> r.engineId() == engine && r.text() != null).findFirst();
  }

  private static void append(StringBuilder sb, String s) {
    if (!s.isEmpty()) {
      sb.append(s);
      if (!s.endsWith("\n")) {
        sb.append('\n');
      }
    }
  }

  /** {@code [stdout:0] text}, with multi-line text starting on the next line, as IPython parallel shows it. */
  static String label(String stream, int engine, String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String head = "[" + stream + ":" + engine + "]";
    return body.contains("\n") ? head + "\n" + body + "\n" : head + " " + body + "\n";
  }

  private static ErrorInfo error(List<JParallelException> errors) {
    List<String> tb = new ArrayList<>();
    for (JParallelException e : errors) {
      tb.add(e.getMessage());
      if (e instanceof RemoteException r && r.remoteStackTrace() != null && !r.remoteStackTrace().isEmpty()) {
        r.remoteStackTrace().lines().skip(1).forEach(tb::add);
      }
    }
    JParallelException first = errors.get(0);
    String ename = first instanceof RemoteException r ? r.remoteClass() : first.getClass().getSimpleName();
    String evalue = first instanceof RemoteException r ? r.remoteMessage() : first.getMessage();
    if (errors.size() > 1) {
      evalue = evalue + " (and " + (errors.size() - 1) + " more engine" + (errors.size() > 2 ? "s" : "") + " failed)";
    }
    return new ErrorInfo(ename, evalue == null ? "" : evalue, tb);
  }

  private static String html(PxRun run, List<TaskMetadata> meta, List<ExecuteResult> results,
      List<JParallelException> errors) {
    StringBuilder sb = new StringBuilder("<table class=\"jparallel-px\"><thead><tr><th>engine</th><th>stdout</th>"
        + "<th>stderr</th><th>result</th></tr></thead><tbody>");
    for (TaskMetadata m : meta) {
      String result = resultOf(results, m.engineId()).map(ExecuteResult::text).orElse("");
      for (JParallelException e : errors) {
        if (e instanceof RemoteException r && r.engineId() == m.engineId()) {
          result = r.getMessage();
        }
      }
      sb.append("<tr><td>").append(m.engineId()).append("</td><td><pre>").append(Html.escape(m.stdout()))
          .append("</pre></td><td><pre>").append(Html.escape(m.stderr())).append("</pre></td><td><pre>")
          .append(Html.escape(result)).append("</pre></td></tr>");
    }
    return sb.append("</tbody></table>").toString();
  }
}
