package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicDefinition;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.PxResultOptions;

/**
 * {@code %pxresult [--targets IDS] [--group-outputs ...]}: waits for the last {@code %px} (one run
 * with {@code --noblock}) and shows it by engine, all of its engines or some.
 */
class PxResultMagic extends SessionMagic {
  private final PxRunner px;

  PxResultMagic(PxRunner px) {
    this(MagicCatalog.PXRESULT, px);
  }

  /** The same under another name ({@link ResultMagic}). */
  PxResultMagic(MagicDefinition definition, PxRunner px) {
    super(definition);
    this.px = px;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return px.result(inv.options(PxResultOptions.class), out);
  }
}
