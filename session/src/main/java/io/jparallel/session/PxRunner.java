package io.jparallel.session;

import io.jparallel.client.EngineIds;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CompositeException;
import io.jparallel.client.ExecuteResult;
import io.jparallel.client.ExecuteResults;
import io.jparallel.client.JParallelException;
import io.jparallel.client.RemoteException;
import io.jparallel.client.TaskMetadata;
import io.jparallel.jshell.VariableInfo;
import io.jparallel.magics.GroupOutputs;
import io.jparallel.magics.PxResultOptions;
import io.jparallel.magics.PxSettings;
import io.jparallel.magics.Targets;
import io.jparallel.magics.UsageError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String shown = ExecuteResults.labelled(stream, engine, text);
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

  /** {@code %pxresult}: waits for the last {@code %px} and shows it, for the engines {@code options} name (all by default). */
  CellResult result(PxResultOptions options, SessionOutput out) {
    PxRun run = last;
    if (run == null) {
      throw new UsageError("no %px has run yet: %pxresult shows the last one");
    }
    PxSettings s = run.settings();
    List<Integer> shown = options.targets().filter(t -> !t.isAll()).map(Targets::ids).orElse(run.targets());
    List<Integer> unknown = shown.stream().filter(id -> !run.targets().contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new UsageError("the last %px ran on engines " + run.targets() + ", not on " + unknown);
    }
    PxSettings settings = new PxSettings(s.targets(), s.block(), options.groupOutputs().orElse(s.groupOutputs()), false,
        s.local(), s.timeout(), s.verbose());
    return show(new PxRun(run.result(), run.targets(), settings), shown, out);
  }

  /** {@code %px %who} and {@code %px %whos}: each target's variables, written by {@code format}, as its output. */
  CellResult variables(PxSettings s, java.util.function.Function<List<VariableInfo>, String> format, SessionOutput out) {
    List<Integer> targets = s.targets().isAll() ? cluster.client().ids() : s.targets().ids();
    if (targets.isEmpty()) {
      throw new JParallelException("no engines are registered");
    }
    List<List<VariableInfo>> each = cluster.client().direct(targets).variables();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < targets.size(); i++) {
      sb.append(ExecuteResults.labelled("stdout", targets.get(i), format.apply(each.get(i))));
    }
    out.stdout(sb.toString());
    return CellResult.ok(null);
  }

  private CellResult show(PxRun run, SessionOutput out) {
    return show(run, run.targets(), out);
  }

  /** Waits for the run and shows the engines {@code shown} of it (all its targets, or those %pxresult asks for). */
  private CellResult show(PxRun run, List<Integer> shown, SessionOutput out) {
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
    if (!errors.isEmpty()) { // what the other engines gave still shows
      for (Object v : ar.taskValues()) {
        if (v instanceof ExecuteResult r) {
          results.add(r);
        }
      }
    }
    if (!shown.equals(run.targets())) {
      meta.removeIf(m -> !shown.contains(m.engineId()));
      results.removeIf(r -> !shown.contains(r.engineId()));
      errors.removeIf(e -> e instanceof RemoteException r && !shown.contains(r.engineId()));
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
          append(sb, ExecuteResults.labelled("stdout", m.engineId(), m.stdout()));
          append(sb, ExecuteResults.labelled("stderr", m.engineId(), m.stderr()));
        }
        resultOf(results, m.engineId()).ifPresent(r -> append(sb, r.display() + "\n"));
      }
    } else {
      if (!streamed) {
        for (TaskMetadata m : meta) {
          append(sb, ExecuteResults.labelled("stdout", m.engineId(), m.stdout()));
        }
        for (TaskMetadata m : meta) {
          append(sb, ExecuteResults.labelled("stderr", m.engineId(), m.stderr()));
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

  /**
   * The engines' failures as one error: the first one's kind and message, then each distinct
   * failure once, labelled with the engines that had it ({@code [0-3:execute] CompileError: ...}):
   * a compile error on 64 engines reads as one.
   */
  static ErrorInfo error(List<JParallelException> errors) {
    Map<List<String>, List<Integer>> engines = new LinkedHashMap<>();
    Map<List<String>, String> kinds = new LinkedHashMap<>();
    List<String> tb = new ArrayList<>();
    for (JParallelException e : errors) {
      if (e instanceof RemoteException r) {
        List<String> body = body(r);
        engines.computeIfAbsent(body, b -> new ArrayList<>()).add(r.engineId());
        kinds.putIfAbsent(body, r.kind());
      } else {
        tb.add(e.getMessage());
      }
    }
    List<String> grouped = new ArrayList<>();
    engines.forEach((body, ids) -> {
      grouped.add("[" + EngineIds.ranges(ids) + ":" + kinds.get(body) + "] " + body.get(0));
      grouped.addAll(body.subList(1, body.size()));
    });
    grouped.addAll(tb);
    JParallelException first = errors.get(0);
    String ename = first instanceof RemoteException r ? r.remoteClass() : first.getClass().getSimpleName();
    String evalue = first instanceof RemoteException r ? firstLine(r.remoteMessage()) : first.getMessage();
    if (errors.size() > 1) {
      evalue = evalue + " (and " + EngineIds.count(errors.size() - 1, "more engine") + " failed)";
    }
    return new ErrorInfo(ename, evalue == null ? "" : evalue, grouped);
  }

  /** A remote failure's lines without its engine label: {@code Class: message}, then its trace or diagnostic. */
  private static List<String> body(RemoteException r) {
    String message = firstLine(r.remoteMessage());
    String head = r.remoteClass() + (message.isEmpty() ? "" : ": " + message);
    List<String> lines = new ArrayList<>();
    lines.add(head);
    List<String> trace = r.remoteStackTrace() == null ? List.of() : r.remoteStackTrace().lines().toList();
    for (int i = 0; i < trace.size(); i++) {
      if (i == 0 && (trace.get(0).equals(head) || trace.get(0).equals(message))) {
        continue;
      }
      lines.add(trace.get(i));
    }
    if (trace.isEmpty() && r.remoteMessage() != null) {
      r.remoteMessage().lines().skip(1).forEach(lines::add);
    }
    return List.copyOf(lines);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
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
