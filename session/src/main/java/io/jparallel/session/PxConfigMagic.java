package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.PxOptions;

/** {@code %pxconfig [flags]}: sets the default flags of {@code %px}, {@code %%px} and {@code %autopx}, and shows them. */
final class PxConfigMagic extends SessionMagic {
  private final PxRunner px;

  PxConfigMagic(PxRunner px) {
    super(MagicCatalog.PXCONFIG);
    this.px = px;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    px.defaults(inv.options(PxOptions.class).applyTo(px.defaults()));
    return new MagicText("%px defaults: " + px.defaults());
  }
}
