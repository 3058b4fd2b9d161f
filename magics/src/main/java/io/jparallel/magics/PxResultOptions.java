package io.jparallel.magics;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code %pxresult [--targets IDS] [--group-outputs engine|order|type]}: which engines of the last {@code %px} to show, and how. */
@Command
public final class PxResultOptions implements MagicOptions {
  @Option(names = "--targets", paramLabel = "IDS|all", converter = Targets.Converter.class,
      description = "Show these engines of the last %px only: all, or ids like 0,2 or 0-3.")
  private Targets targets;

  @Option(names = "--group-outputs", paramLabel = "engine|order|type", converter = GroupOutputs.Converter.class,
      description = "Group outputs of several engines by engine, order or type (default: as the %px did).")
  private GroupOutputs groupOutputs;

  public Optional<Targets> targets() {
    return Optional.ofNullable(targets);
  }

  public Optional<GroupOutputs> groupOutputs() {
    return Optional.ofNullable(groupOutputs);
  }
}
