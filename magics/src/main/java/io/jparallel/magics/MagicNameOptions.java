package io.jparallel.magics;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code %magic [NAME]}: NAME may be written {@code timeit}, {@code %timeit}, {@code %%timeit} or {@code timeit?}. */
@Command
public final class MagicNameOptions implements MagicOptions {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The magic to explain (default: list them all).")
  private String name;

  /** The magic's bare name, without % signs or trailing ?. */
  public Optional<String> name() {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().replaceAll("^%+", "").replaceAll("\\?+$", "");
    return n.isEmpty() ? Optional.empty() : Optional.of(n);
  }
}
