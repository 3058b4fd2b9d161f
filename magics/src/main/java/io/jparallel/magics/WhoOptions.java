package io.jparallel.magics;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code %who [TYPE...]} and {@code %whos [TYPE...]}: only variables of these declared types, as IPython's. */
@Command
public final class WhoOptions implements MagicOptions {
  @Parameters(arity = "0..*", paramLabel = "TYPE", description = "Only variables of these types (e.g. int List<Integer>).")
  private List<String> types = new ArrayList<>();

  /** The types asked for; empty for every variable. */
  public List<String> types() {
    return List.copyOf(types);
  }
}
