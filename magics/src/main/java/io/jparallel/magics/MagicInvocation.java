package io.jparallel.magics;

/**
 * A magic call with its flags parsed: {@code options} is the magic's picocli-populated options
 * object, {@code code} the text after the flags, verbatim ({@code %timeit -n 100 Math.sqrt(2)}
 * gives code {@code Math.sqrt(2)}; for {@code %%timeit} it is the setup line).
 *
 * @param call the call as typed
 * @param options the populated options object of the magic's definition
 * @param code the code after the flags on the magic's line, stripped; empty when none
 * @param helpRequested {@code -h}/{@code --help} was given
 */
public record MagicInvocation(MagicCall call, Object options, String code, boolean helpRequested) {
  /** The options as their class. */
  public <T> T options(Class<T> type) {
    return type.cast(options);
  }

  /** The cell body ({@code ""} for a line magic). */
  public String body() {
    return call.body();
  }

  /** The code a line magic or cell magic acts on: the line's code, or the cell's body. */
  public String source() {
    return call.kind() == MagicKind.CELL ? call.body() : code;
  }
}
