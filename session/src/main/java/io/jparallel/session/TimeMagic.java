package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.TimedCode;

/** {@code %time STMT} and {@code %%time}: one run, its CPU and wall time printed, its value returned ({@link TimingMagics}). */
final class TimeMagic extends SessionMagic {
  private final TimingMagics timing;

  TimeMagic(TimingMagics timing) {
    super(MagicCatalog.TIME);
    this.timing = timing;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return timing.time(TimedCode.of(inv), out);
  }
}
