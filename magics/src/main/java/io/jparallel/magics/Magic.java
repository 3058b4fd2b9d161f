package io.jparallel.magics;

import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A magic: its {@link MagicDefinition} (name, kinds, description, picocli flags) and what it
 * does in a front end whose context type is {@code C}. Make one with
 * {@link MagicDefinition#bind(MagicHandler)}, e.g. {@code MagicCatalog.PX.bind((inv, session) -> ...)}.
 */
public interface Magic<C> {
  MagicDefinition definition();

  /** Runs the parsed invocation; returns the magic's value or {@code null}. */
  Object run(MagicInvocation invocation, C context) throws Exception;

  default String name() {
    return definition().name();
  }

  default Set<MagicKind> kinds() {
    return definition().kinds();
  }

  default String description() {
    return definition().description();
  }

  default CommandSpec commandSpec() {
    return definition().commandSpec();
  }
}
