package io.jparallel.magics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The magics of one front end (REPL or kernel), whose context type is {@code C}. It resolves
 * calls, parses their flags ({@link MagicArgs}), answers help and {@code %lsmagic}, and runs
 * the magic. Every user mistake is a one-line {@link UsageError}. {@code %lsmagic} and
 * {@code %magic} are built in.
 */
public final class MagicRegistry<C> {
  private final Map<String, Magic<? super C>> magics = new TreeMap<>();

  public MagicRegistry() {
    register(MagicCatalog.LSMAGIC.bind((inv, ctx) -> new MagicText(lsmagic())));
    register(MagicCatalog.MAGIC.bind((inv, ctx) -> {
      Optional<String> name = inv.options(MagicNameOptions.class).name();
      return new MagicText(name.isPresent() ? help(name.get())
          : lsmagic() + "\n\nUse %magic NAME, NAME? or %NAME? for help on one magic.");
    }));
  }

  /** Adds {@code magic}, replacing one of the same name. */
  public MagicRegistry<C> register(Magic<? super C> magic) {
    magics.put(magic.name(), magic);
    return this;
  }

  public Optional<Magic<? super C>> find(String name) {
    return Optional.ofNullable(magics.get(name));
  }

  /** The names (without %) of the magics of this kind, sorted. */
  public List<String> names(MagicKind kind) {
    return magics.values().stream().filter(m -> m.kinds().contains(kind)).map(Magic::name).toList();
  }

  /** IPython's {@code %lsmagic} text. */
  public String lsmagic() {
    return "Available line magics:\n" + joined(MagicKind.LINE) + "\n\nAvailable cell magics:\n" + joined(MagicKind.CELL);
  }

  private String joined(MagicKind kind) {
    return String.join("  ", names(kind).stream().map(kind::display).toList());
  }

  /** The help of a magic ({@code %timeit?}); {@code name} may carry % signs. */
  public String help(String name) {
    String bare = name.strip().replaceAll("^%+", "").replaceAll("\\?+$", "");
    return find(bare).orElseThrow(() -> new UsageError("unknown magic %" + bare + " (see %lsmagic)"))
        .definition().help();
  }

  /** The help of {@code request} as text to print. */
  public MagicText help(ParsedInput.HelpRequest request) {
    return new MagicText(help(request.name()));
  }

  /** The magic {@code call} names, if it exists in that form. */
  public Magic<? super C> resolve(MagicCall call) {
    Magic<? super C> magic = magics.get(call.name());
    if (magic == null) {
      throw new UsageError("unknown " + (call.kind() == MagicKind.CELL ? "cell magic " : "magic ")
          + call.displayName() + " (see %lsmagic)");
    }
    if (!magic.kinds().contains(call.kind())) {
      throw new UsageError(call.kind() == MagicKind.CELL
          ? call.displayName() + " is not a cell magic; use %" + call.name() + " on a line (see %lsmagic)"
          : call.displayName() + " is a cell magic; start the cell with %%" + call.name() + " (see %lsmagic)");
    }
    return magic;
  }

  /** Resolves {@code call} and parses its flags. */
  public MagicInvocation parse(MagicCall call) {
    return MagicArgs.parse(resolve(call).definition(), call);
  }

  /**
   * Runs {@code call}: its value, or the help text when {@code -h}/{@code --help} was given.
   * Throws {@link UsageError} for an unknown magic or bad flags; whatever the magic throws
   * otherwise passes through.
   */
  public Object run(MagicCall call, C context) throws Exception {
    Magic<? super C> magic = resolve(call);
    MagicInvocation invocation = MagicArgs.parse(magic.definition(), call);
    if (invocation.helpRequested()) {
      return new MagicText(magic.definition().help());
    }
    return magic.run(invocation, context);
  }
}
