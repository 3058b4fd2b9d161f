package io.jparallel.session;

import io.jparallel.magics.MagicArgs;
import io.jparallel.magics.MagicCall;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import io.jparallel.magics.MagicParser;
import io.jparallel.magics.ParsedInput;
import io.jparallel.magics.PxOptions;
import io.jparallel.magics.PxSettings;
import io.jparallel.magics.TimedCode;
import io.jparallel.magics.TimeitOptions;
import io.jparallel.magics.UsageError;
import io.jparallel.magics.WhoOptions;
import java.util.function.BiFunction;

/**
 * {@code %px CODE} and {@code %%px}: JShell source on the engines ({@link PxRunner}), with
 * {@code --local} also here first; {@code %px %timeit STMT} times on the engines (the loop
 * travels as code); {@code %px %who} and {@code %px %whos} list each engine's variables. Any
 * other magic cannot run there.
 */
final class PxMagic extends SessionMagic {
  private final PxRunner px;
  private final BiFunction<String, SessionOutput, CellResult> local;

  /** {@code local} runs source in the session's own JShell ({@code --local}). */
  PxMagic(PxRunner px, BiFunction<String, SessionOutput, CellResult> local) {
    super(MagicCatalog.PX);
    this.px = px;
    this.local = local;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    PxSettings settings = inv.options(PxOptions.class).applyTo(px.defaults());
    String code = inv.source();
    if (code.isBlank()) {
      throw new UsageError("%px needs code to run (see %px?)");
    }
    if (MagicParser.parse(code.strip()) instanceof MagicCall call && (call.name().equals("who") || call.name().equals("whos"))) {
      java.util.List<String> types = MagicArgs.parse(MagicCatalog.WHO, call).options(WhoOptions.class).types();
      return px.variables(settings, call.name().equals("who") ? vars -> VariableTable.who(vars, types)
          : vars -> VariableTable.whos(vars, types), out);
    }
    code = remoteCode(code);
    CellResult here = settings.local() ? local.apply(code, out) : null;
    CellResult remote = px.run(code, settings, out);
    return here != null && !here.ok() ? here : remote;
  }

  /** The source the engines run: the code itself, or the loop of a {@code %timeit} / {@code %%timeit}. */
  private static String remoteCode(String code) {
    ParsedInput p = MagicParser.parse(code.strip());
    if (p instanceof MagicCall call && "timeit".equals(call.name())) {
      MagicInvocation inv = MagicArgs.parse(MagicCatalog.TIMEIT, call);
      return TimingMagics.remoteTimeit(TimedCode.of(inv), inv.options(TimeitOptions.class));
    }
    if (p instanceof MagicCall call) {
      throw new UsageError("%px runs JShell source, %timeit, %who and %whos on engines; " + call.displayName()
          + " cannot run there");
    }
    return code;
  }
}
