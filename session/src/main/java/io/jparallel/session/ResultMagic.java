package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;

/** {@code %result}: IPython parallel's older name of {@code %pxresult}, with the same flags. */
final class ResultMagic extends PxResultMagic {
  ResultMagic(PxRunner px) {
    super(MagicCatalog.RESULT, px);
  }
}
