package io.jparallel.session;

import io.jparallel.magics.ClasspathOptions;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;

/** {@code %classpath PATH...}: adds jars or class folders ({@link SessionLibraries}). */
final class ClasspathMagic extends SessionMagic {
  private final SessionLibraries libraries;
  private final ClusterBinding cluster;

  ClasspathMagic(SessionLibraries libraries, ClusterBinding cluster) {
    super(MagicCatalog.CLASSPATH);
    this.libraries = libraries;
    this.cluster = cluster;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return new MagicText(libraries.classpath(inv.options(ClasspathOptions.class).paths(),
        cluster.active() ? cluster.client() : null));
  }
}
