package io.jparallel.cli;

import io.jparallel.cluster.Cluster;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.wire.Liveness;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --heartbeat-timeout}, {@code --no-engines-timeout} and {@code --max-message}, shared
 * by the commands that start a controller.
 */
final class ReliabilityOptions {
  @Option(names = "--heartbeat-timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "an engine not heard for this long (heartbeats travel on their own socket) is dead (default: ${DEFAULT-VALUE})")
  double heartbeatTimeout;

  @Option(names = "--no-engines-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "with no engine for this long, waiting tasks fail; direct tasks wait this long for a dead"
          + " engine's replacement (default: ${DEFAULT-VALUE})")
  double noEnginesTimeout;

  @Option(names = "--max-message", defaultValue = "1073741824", paramLabel = "BYTES",
      description = "largest message a socket accepts; a frame declaring more is refused before anything is"
          + " allocated (default: 1 GiB, the largest array a task should send in one piece)")
  long maxMessage;

  long heartbeatTimeoutMs() {
    return Math.max(2 * Liveness.DEFAULT_PERIOD_MS, Math.round(heartbeatTimeout * 1000));
  }

  long noEnginesTimeoutMs() {
    return Math.max(0, Math.round(noEnginesTimeout * 1000));
  }

  long maxMessage() {
    if (maxMessage < 4096) {
      throw new IllegalArgumentException("--max-message must be at least 4096 bytes, not " + maxMessage);
    }
    return maxMessage;
  }

  ControllerOptions apply(ControllerOptions o) {
    return o.withHeartbeatTimeoutMs(heartbeatTimeoutMs()).withNoEnginesTimeoutMs(noEnginesTimeoutMs())
        .withMaxMessage(maxMessage());
  }

  Cluster.Builder apply(Cluster.Builder b) {
    return b.heartbeatTimeoutMs(heartbeatTimeoutMs()).noEnginesTimeoutMs(noEnginesTimeoutMs()).maxMessage(maxMessage());
  }

  /** The same options as arguments, for a command started again in the background. */
  List<String> args() {
    List<String> a = new ArrayList<>();
    a.add("--heartbeat-timeout");
    a.add(Double.toString(heartbeatTimeout));
    a.add("--no-engines-timeout");
    a.add(Double.toString(noEnginesTimeout));
    a.add("--max-message");
    a.add(Long.toString(maxMessage));
    return a;
  }

}
