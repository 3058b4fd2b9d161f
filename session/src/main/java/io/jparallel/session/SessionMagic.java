package io.jparallel.session;

import io.jparallel.magics.Magic;
import io.jparallel.magics.MagicDefinition;

/**
 * A magic of the session: its definition (from {@code MagicCatalog}) and what it does, given
 * its parsed invocation and the running cell's output. One subclass per magic.
 */
abstract class SessionMagic implements Magic<SessionOutput> {
  private final MagicDefinition definition;

  SessionMagic(MagicDefinition definition) {
    this.definition = definition;
  }

  @Override
  public final MagicDefinition definition() {
    return definition;
  }
}
