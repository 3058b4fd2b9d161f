package io.jparallel.repl;

import io.jparallel.session.SessionOptions;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which cluster a REPL or a script gets: the options {@code -n N}, {@code --profile P},
 * {@code --connect FILE}, {@code --no-cluster}, turned into {@link SessionOptions}.
 *
 * <ul>
 *   <li>nothing: a local cluster of {@link SessionOptions#defaultEngines()} engines, profile {@code default};
 *   <li>{@code -n N}: a local cluster of N engines (in profile P with {@code --profile P});
 *   <li>{@code --profile P} alone: connect to the newest cluster running in profile P;
 *   <li>{@code --connect FILE}: connect to the cluster of that client connection file;
 *   <li>{@code --no-cluster}: none ({@code %cluster start} later).
 * </ul>
 */
public final class SessionChoice {
  @Option(names = {"-n", "--engines"}, paramLabel = "N",
      description = "start a local cluster of N engines (default: cores, at least 2)")
  Integer engines;

  @Option(names = "--profile", paramLabel = "P",
      description = "profile: alone, connect to the cluster running in it; with -n, start the local cluster in it")
  String profile;

  @ArgGroup(exclusive = true)
  Elsewhere elsewhere;

  static final class Elsewhere {
    @Option(names = "--connect", paramLabel = "FILE", description = "connect to the cluster of this client connection file")
    Path connect;

    @Option(names = "--no-cluster", description = "start without a cluster (%%cluster start later)")
    boolean none;
  }

  /** The session options these flags ask for; a one-line {@link IllegalArgumentException} when they conflict. */
  public SessionOptions toOptions() {
    String prof = profile == null ? Profiles.DEFAULT : profile;
    if (elsewhere != null && (engines != null || profile != null)) {
      throw new IllegalArgumentException((elsewhere.none ? "--no-cluster" : "--connect")
          + " cannot be combined with -n or --profile");
    }
    if (engines != null && engines < 1) {
      throw new IllegalArgumentException("-n must be at least 1 but was " + engines);
    }
    if (elsewhere != null && elsewhere.none) {
      return SessionOptions.noCluster();
    }
    if (elsewhere != null) {
      return SessionOptions.connect(elsewhere.connect);
    }
    if (profile != null && engines == null) {
      return new SessionOptions(SessionOptions.ClusterMode.CONNECT, 0, newestClientFile(prof), prof, List.of());
    }
    int n = engines == null ? SessionOptions.defaultEngines() : engines;
    return new SessionOptions(SessionOptions.ClusterMode.LOCAL, n, null, prof, List.of());
  }

  private static Path newestClientFile(String profile) {
    try {
      return Profiles.newest(profile, "client").orElseThrow(() -> new IllegalArgumentException(
          "no cluster is running in profile '" + profile + "' (start one with 'jpar cluster start --profile "
              + profile + "', or give -n N to start a local one)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
