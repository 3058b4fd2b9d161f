package io.jparallel.magics;

import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code %cluster start [-n N] [--engines local|ssh|slurm|mpi ...] | stop | restart [-n N ...] |
 * status | connect [FILE]}; no action means {@code status}. The launcher flags are
 * {@link LauncherOptions}, shared with {@code jpar cluster start}.
 */
@Command
public final class ClusterOptions implements MagicOptions {
  /** What {@code %cluster} does. */
  public enum Action {
    START, STOP, RESTART, STATUS, CONNECT;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", converter = ActionConverter.class,
      description = "start, stop, restart, status (default) or connect.")
  private Action action = Action.STATUS;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
      description = "connect: the client connection file (default: the profile's newest).")
  private String file;

  @Option(names = "-n", paramLabel = "N", description = "start/restart: number of engines (default: cores, at least 2; ssh: the hosts' sum).")
  private Integer engines;

  @picocli.CommandLine.Mixin
  private LauncherOptions launcher = new LauncherOptions();

  @Option(names = "--profile", paramLabel = "NAME", description = "Profile (default: default).")
  private String profile;

  @Override
  public void validate() {
    if (engines != null && action != Action.START && action != Action.RESTART) {
      throw new IllegalArgumentException("-n only applies to start and restart");
    }
    if (engines != null && engines < 1) {
      throw new IllegalArgumentException("-n must be at least 1 but was " + engines);
    }
    boolean starts = action == Action.START || action == Action.RESTART;
    if (!starts && (!"local".equals(launcher.kind) || launcher.ip != null || launcher.location != null || launcher.curve)) {
      throw new IllegalArgumentException("--engines, --ip, --location and --curve only apply to start and restart");
    }
    if (starts) {
      launcher.validate();
    }
    if (file != null && action != Action.CONNECT) {
      throw new IllegalArgumentException("unexpected argument '" + file + "' (only connect takes a FILE)");
    }
  }

  public Action action() {
    return action;
  }

  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  public Optional<Integer> engines() {
    return Optional.ofNullable(engines);
  }

  /** Where started engines run, and the other start settings. */
  public LauncherOptions launcher() {
    return launcher;
  }

  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  /** picocli converter for ACTION with a clear message. */
  public static final class ActionConverter implements ITypeConverter<Action> {
    @Override
    public Action convert(String value) {
      try {
        return Action.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected start, stop, restart, status or connect but was '" + value + "'");
      }
    }
  }
}
