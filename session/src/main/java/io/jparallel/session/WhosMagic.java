package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicText;
import io.jparallel.magics.WhoOptions;

/** {@code %whos [TYPE...]}: the session's variables as a table of name, type and value ({@code %px %whos}: each engine's). */
final class WhosMagic extends SessionMagic {
  private final LocalShell shell;

  WhosMagic(LocalShell shell) {
    super(MagicCatalog.WHOS);
    this.shell = shell;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return new MagicText(VariableTable.whos(shell.variables(), inv.options(WhoOptions.class).types()));
  }
}
