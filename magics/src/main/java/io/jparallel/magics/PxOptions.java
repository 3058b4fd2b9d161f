package io.jparallel.magics;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of {@code %px}, {@code %%px} and {@code %pxconfig}. A flag not given is
 * {@code null}, so {@link #applyTo(PxSettings)} keeps the default; {@code --no-stream},
 * {@code --no-local} and {@code --no-verbose} turn a default off again.
 */
@Command
public final class PxOptions implements MagicOptions {
  @Option(names = "--targets", paramLabel = "IDS|all", converter = Targets.Converter.class,
      description = "Engines to run on: all, or ids like 0,2 or 0-3.")
  private Targets targets;

  private Boolean block;

  @Option(names = "--group-outputs", paramLabel = "engine|order|type", converter = GroupOutputs.Converter.class,
      description = "Group outputs of several engines by engine, order or type.")
  private GroupOutputs groupOutputs;

  @Option(names = "--stream", negatable = true, description = "Print engines' output as it arrives.")
  private Boolean stream;

  @Option(names = "--local", negatable = true, description = "Also run the code in the local session.")
  private Boolean local;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop waiting (and interrupt the engines) after this many seconds.")
  private Double timeoutSeconds;

  @Option(names = "--verbose", negatable = true, description = "Say what is sent where.")
  private Boolean verbose;

  @Option(names = "--block", description = "Wait for the results (default).")
  void block(boolean on) {
    block = Boolean.TRUE;
  }

  @Option(names = "--noblock", description = "Return at once; %%pxresult shows the results.")
  void noblock(boolean on) {
    block = Boolean.FALSE;
  }

  @Override
  public void validate() {
    if (timeoutSeconds != null && !(timeoutSeconds > 0 && timeoutSeconds < 1e9)) {
      throw new IllegalArgumentException("--timeout must be a positive number of seconds but was " + timeoutSeconds);
    }
  }

  public Optional<Targets> targets() {
    return Optional.ofNullable(targets);
  }

  public Optional<Boolean> block() {
    return Optional.ofNullable(block);
  }

  public Optional<GroupOutputs> groupOutputs() {
    return Optional.ofNullable(groupOutputs);
  }

  public Optional<Boolean> stream() {
    return Optional.ofNullable(stream);
  }

  public Optional<Boolean> local() {
    return Optional.ofNullable(local);
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeoutSeconds).map(s -> Duration.ofNanos(Math.round(s * 1e9)));
  }

  public Optional<Boolean> verbose() {
    return Optional.ofNullable(verbose);
  }

  /** {@code base} with every flag given here replacing its value. */
  public PxSettings applyTo(PxSettings base) {
    return new PxSettings(targets().orElse(base.targets()), block().orElse(base.block()),
        groupOutputs().orElse(base.groupOutputs()), stream().orElse(base.stream()), local().orElse(base.local()),
        timeout().isPresent() ? timeout() : base.timeout(), verbose().orElse(base.verbose()));
  }
}
