package io.jparallel.magics;

import io.jparallel.timing.PyFormat;
import java.time.Duration;
import java.util.Optional;

/**
 * The effective flags of one {@code %px}: the session's defaults ({@code %pxconfig}) overridden
 * by the flags given ({@link PxOptions#applyTo(PxSettings)}).
 *
 * @param targets the engines to run on
 * @param block wait for the results (else return at once; {@code %pxresult} shows them)
 * @param groupOutputs how outputs of several engines are grouped
 * @param stream print engines' output as it arrives
 * @param local also run the code in the local session
 * @param timeout give up waiting after this long (empty: wait forever)
 * @param verbose say what is submitted where
 */
public record PxSettings(Targets targets, boolean block, GroupOutputs groupOutputs, boolean stream, boolean local,
    Optional<Duration> timeout, boolean verbose) {

  /** IPython parallel's defaults: all engines, blocking, grouped by type, no stream, no timeout. */
  public static final PxSettings DEFAULTS =
      new PxSettings(Targets.ALL, true, GroupOutputs.TYPE, false, false, Optional.empty(), false);

  /** The flags that give these settings, as {@code %pxconfig} shows them. */
  @Override
  public String toString() {
    return "--targets " + targets + (block ? " --block" : " --noblock") + " --group-outputs=" + groupOutputs
        + (stream ? " --stream" : " --no-stream") + (local ? " --local" : " --no-local")
        + timeout.map(t -> " --timeout " + PyFormat.g(t.toNanos() / 1e9, 6)).orElse("")
        + (verbose ? " --verbose" : " --no-verbose");
  }
}
