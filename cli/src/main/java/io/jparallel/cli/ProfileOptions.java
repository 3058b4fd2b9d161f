package io.jparallel.cli;

import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --profile} and {@code --cluster-id}, shared by the commands that find connection files. */
final class ProfileOptions {
  @Option(names = "--profile", description = "profile under $JPARALLEL_DIR (default: ${DEFAULT-VALUE})",
      defaultValue = Profiles.DEFAULT)
  String profile;

  @Option(names = "--cluster-id", description = "cluster id naming the connection files (default: the newest)")
  String clusterId;

  /** The client connection file: this cluster id's, or the newest of the profile. */
  Path clientFile() throws IOException {
    if (clusterId != null) {
      return Profiles.clientFile(profile, clusterId);
    }
    return Profiles.newest(profile, "client").orElseThrow(() -> new IllegalStateException(
        "no cluster is running in profile '" + profile + "' (no connection file in " + Profiles.security(profile)
            + "); start one with 'jpar cluster start'"));
  }
}
