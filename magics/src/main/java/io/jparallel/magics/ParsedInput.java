package io.jparallel.magics;

import java.util.List;

/**
 * What {@link MagicParser} makes of one input (a REPL entry or a notebook cell): plain code,
 * a magic call, a help request, or a sequence of those when line magics sit between code lines.
 */
public sealed interface ParsedInput permits ParsedInput.Code, MagicCall, ParsedInput.HelpRequest, ParsedInput.Sequence {

  /** Java/JShell source, not a magic; JShell sees it unchanged. */
  record Code(String source) implements ParsedInput {}

  /** {@code %timeit?}, {@code %%timeit?}, {@code timeit?}, {@code ?timeit}: explain a magic (name without %). */
  record HelpRequest(String name) implements ParsedInput {}

  /** Code and line magics in input order, e.g. {@code %time f()} on its own line followed by code. */
  record Sequence(List<ParsedInput> parts) implements ParsedInput {
    public Sequence {
      parts = List.copyOf(parts);
    }
  }
}
