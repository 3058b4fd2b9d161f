package io.jparallel.session;

import java.util.List;

/** Completion candidates for the text between {@code anchor} and the cursor. */
public record Completions(int anchor, List<String> candidates) {
  public Completions {
    candidates = List.copyOf(candidates);
  }
}
