package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;

/** {@code %pxresult}: waits for the last {@code %px} (one run with {@code --noblock}) and shows it. */
final class PxResultMagic extends SessionMagic {
  private final PxRunner px;

  PxResultMagic(PxRunner px) {
    super(MagicCatalog.PXRESULT);
    this.px = px;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return px.result(out);
  }
}
