package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.MavenOptions;

/** {@code %maven [--repo URL]... G:A:V...}: resolves and adds libraries ({@link SessionLibraries}), a line per download. */
final class MavenMagic extends SessionMagic {
  private final SessionLibraries libraries;
  private final ClusterBinding cluster;

  MavenMagic(SessionLibraries libraries, ClusterBinding cluster) {
    super(MagicCatalog.MAVEN);
    this.libraries = libraries;
    this.cluster = cluster;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return new MagicText(libraries.maven(inv.options(MavenOptions.class), line -> out.stderr(line + "\n"),
        cluster.active() ? cluster.client() : null));
  }
}
