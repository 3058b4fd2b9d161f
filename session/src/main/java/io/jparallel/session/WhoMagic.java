package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.WhoOptions;

/** {@code %who [TYPE...]}: the session's variable names ({@code %px %who}: each engine's, through {@link PxMagic}). */
final class WhoMagic extends SessionMagic {
  private final LocalShell shell;

  WhoMagic(LocalShell shell) {
    super(MagicCatalog.WHO);
    this.shell = shell;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return new MagicText(VariableTable.who(shell.variables(), inv.options(WhoOptions.class).types()));
  }
}
