package io.jparallel.session;

import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.TimedCode;
import io.jparallel.magics.TimeitOptions;
import io.jparallel.timing.TimeitResult;

/** {@code %timeit [flags] STMT} and {@code %%timeit}: IPython's timeit over a loop compiled once ({@link TimingMagics}). */
final class TimeitMagic extends SessionMagic {
  private final TimingMagics timing;

  TimeitMagic(TimingMagics timing) {
    super(MagicCatalog.TIMEIT);
    this.timing = timing;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) throws Exception {
    TimeitOptions o = inv.options(TimeitOptions.class);
    TimeitResult r = timing.timeit(TimedCode.of(inv), o);
    String text = o.output(r);
    if (!text.isEmpty()) {
      out.stdout(text + "\n");
    }
    TimeitResult value = o.value(r);
    return value == null ? CellResult.ok(null) : CellResult.ok(Display.text(value.toString()));
  }
}
