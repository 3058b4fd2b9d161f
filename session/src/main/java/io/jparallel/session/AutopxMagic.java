package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;

/** {@code %autopx}: toggles whether every following input runs on the engines, as {@code %%px}. */
final class AutopxMagic extends SessionMagic {
  private final PxRunner px;

  AutopxMagic(PxRunner px) {
    super(MagicCatalog.AUTOPX);
    this.px = px;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return new MagicText(px.toggleAutopx() ? "%autopx enabled" : "%autopx disabled");
  }
}
