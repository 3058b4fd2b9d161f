package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.PxResultOptions;

/** {@code %result}: IPython parallel's older name of {@code %pxresult}, with the same flags. */
final class ResultMagic extends SessionMagic {
  private final PxRunner px;

  ResultMagic(PxRunner px) {
    super(MagicCatalog.RESULT);
    this.px = px;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return px.result(inv.options(PxResultOptions.class), out);
  }
}
