package io.jparallel.client;

/**
 * What running JShell source on one engine gave: the engine's execution count, the value of
 * the last expression as JShell shows it ({@code text}, null when there was none) and the
 * value itself when it could be sent back.
 */
public record ExecuteResult(int engineId, int executionCount, String text, Object value, String stdout, String stderr) {
  /** IPython parallel's label: {@code Out[2:5]: 42}. */
  public String display() {
    return text == null ? "" : "Out[" + engineId + ":" + executionCount + "]: " + text;
  }
}
