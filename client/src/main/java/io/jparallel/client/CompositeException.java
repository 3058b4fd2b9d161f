package io.jparallel.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several targets failed; {@link #causes()} holds each failure in target order. */
public class CompositeException extends JParallelException {
  private static final long serialVersionUID = 1L;
  private final List<JParallelException> causes;

  public CompositeException(List<JParallelException> causes) {
    super(describe(causes));
    this.causes = List.copyOf(causes);
    causes.forEach(this::addSuppressed);
  }

  public List<JParallelException> causes() {
    return causes;
  }

  /**
   * {@code 2 tasks failed: [0-1:execute] java.lang.ArithmeticException: / by zero}: each distinct
   * failure once (its first line), with the engines that had it.
   */
  private static String describe(List<JParallelException> causes) {
    Map<String, List<Integer>> engines = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (JParallelException e : causes) {
      String m = String.valueOf(e.getMessage());
      m = m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m;
      if (e instanceof RemoteException r && m.startsWith("[")) {
        String what = m.substring(m.indexOf("] ") + 2);
        engines.computeIfAbsent(what, w -> new ArrayList<>()).add(r.engineId());
        kinds.putIfAbsent(what, r.kind());
      } else if (!others.contains(m)) {
        others.add(m);
      }
    }
    List<String> parts = new ArrayList<>();
    engines.forEach((what, ids) -> parts.add("[" + EngineIds.ranges(ids) + ":" + kinds.get(what) + "] " + what));
    parts.addAll(others);
    return causes.size() + " tasks failed: " + String.join("; ", parts);
  }
}
