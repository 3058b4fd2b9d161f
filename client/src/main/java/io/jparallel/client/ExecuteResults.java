package io.jparallel.client;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * What {@code dv.execute(code)} returns: one {@link ExecuteResult} per target, in target order.
 * A plain unmodifiable {@link List} whose text is what a user wants to see, as {@code %px}
 * shows it: each engine's output and value ({@code [stdout:0] hi}, {@code Out[0:3]: 42}), and
 * nothing at all when the code printed nothing and had no value.
 */
public final class ExecuteResults extends AbstractList<ExecuteResult> implements RandomAccess {
  private final List<ExecuteResult> results;

  ExecuteResults(List<ExecuteResult> results) {
    this.results = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(results));
  }

  @Override
  public ExecuteResult get(int index) {
    return results.get(index);
  }

  @Override
  public int size() {
    return results.size();
  }

  /** By engine: {@code [stdout:0] text}, {@code [stderr:0] text}, {@code Out[0:3]: value}; empty when there is none. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (ExecuteResult r : results) {
      sb.append(labelled("stdout", r.engineId(), r.stdout())).append(labelled("stderr", r.engineId(), r.stderr()));
      if (r.text() != null) {
        sb.append(r.display()).append('\n');
      }
    }
    return sb.toString().stripTrailing();
  }

  /**
   * {@code [stdout:0] text}, with text of several lines starting on the next line, as IPython
   * parallel labels an engine's output; empty for no text.
   */
  public static String labelled(String stream, int engine, String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String head = "[" + stream + ":" + engine + "]";
    return body.contains("\n") ? head + "\n" + body + "\n" : head + " " + body + "\n";
  }
}
