package io.jparallel.session;

import io.jparallel.magics.ClusterOptions;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;
import java.nio.file.Path;

/** {@code %cluster start|restart|stop|status|connect}: the session's cluster ({@link ClusterBinding}). */
final class ClusterMagic extends SessionMagic {
  private final ClusterBinding cluster;
  private final String profile;

  /** {@code profile}: the session's, where {@code --profile} does not say. */
  ClusterMagic(ClusterBinding cluster, String profile) {
    super(MagicCatalog.CLUSTER);
    this.cluster = cluster;
    this.profile = profile;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    ClusterOptions o = inv.options(ClusterOptions.class);
    String p = o.profile().orElse(profile);
    return new MagicText(switch (o.action()) {
      case START -> cluster.start(LaunchPlan.builder(o.launcher(), o.engines().orElse(null)).profile(p));
      case RESTART -> cluster.restart(LaunchPlan.builder(o.launcher(), o.engines().orElse(null)).profile(p));
      case STOP -> cluster.stop();
      case STATUS -> cluster.status();
      case CONNECT -> cluster.connect(o.file().map(Path::of).orElse(null));
    });
  }
}
