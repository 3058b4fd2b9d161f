package io.jparallel.magics;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What a magic is, independent of what it does: name, line and/or cell form, one-line
 * description, its flags (a picocli-annotated options class, a fresh instance per call) and
 * whether the rest of the line after the flags is code.
 *
 * @param name the name without % signs
 * @param kinds line and/or cell
 * @param description one line for {@code %lsmagic}-style help
 * @param options makes a fresh picocli-annotated options object
 * @param codeLabel label of the code after the flags of the line form ({@code STMT}); empty when
 *     the magic takes no code (its options class may declare its own positional parameters)
 * @param cellCodeLabel label of the code allowed after the flags on a {@code %%} line
 *     ({@code SETUP} for {@code %%timeit}); empty when that line takes flags only
 * @param details further help text shown after the flags, may be empty
 */
public record MagicDefinition(String name, Set<MagicKind> kinds, String description, Supplier<?> options,
    String codeLabel, String cellCodeLabel, String details) {

  public MagicDefinition {
    if (name.isEmpty() || kinds.isEmpty()) {
      throw new IllegalArgumentException("a magic needs a name and a kind");
    }
    kinds = Set.copyOf(kinds);
  }

  /** A line magic without flags or code. */
  public static MagicDefinition line(String name, String description) {
    return new MagicDefinition(name, EnumSet.of(MagicKind.LINE), description, NoOptions::new, "", "", "");
  }

  /** A cell magic without flags. */
  public static MagicDefinition cell(String name, String description) {
    return new MagicDefinition(name, EnumSet.of(MagicKind.CELL), description, NoOptions::new, "", "", "");
  }

  /** This definition also available in the other form (line and cell). */
  public MagicDefinition lineAndCell() {
    return new MagicDefinition(name, EnumSet.allOf(MagicKind.class), description, options, codeLabel, cellCodeLabel, details);
  }

  public MagicDefinition withOptions(Supplier<?> newOptions) {
    return new MagicDefinition(name, kinds, description, newOptions, codeLabel, cellCodeLabel, details);
  }

  public MagicDefinition withCode(String label) {
    return new MagicDefinition(name, kinds, description, options, label, cellCodeLabel, details);
  }

  public MagicDefinition withCellCode(String label) {
    return new MagicDefinition(name, kinds, description, options, codeLabel, label, details);
  }

  public MagicDefinition withDetails(String text) {
    return new MagicDefinition(name, kinds, description, options, codeLabel, cellCodeLabel, text);
  }

  public boolean supports(MagicKind kind) {
    return kinds.contains(kind);
  }

  /** True when text after the flags is code (and picocli stops at the first positional word). */
  public boolean takesCode() {
    return !codeLabel.isEmpty() || !cellCodeLabel.isEmpty();
  }

  /** {@code %px, %%px} or {@code %lsmagic}. */
  public String displayNames() {
    StringBuilder out = new StringBuilder();
    for (MagicKind kind : MagicKind.values()) {
      if (supports(kind)) {
        out.append(out.length() == 0 ? "" : ", ").append(kind.display(name));
      }
    }
    return out.toString();
  }

  /** A fresh picocli spec of the line form (usage text, parsing). */
  public CommandSpec commandSpec() {
    return commandSpec(options.get(), supports(MagicKind.LINE) ? MagicKind.LINE : MagicKind.CELL);
  }

  /** The picocli spec bound to {@code optionsObject}, named as typed for {@code kind}. */
  CommandSpec commandSpec(Object optionsObject, MagicKind kind) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(optionsObject);
    spec.name(kind.display(name));
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
    String label = kind == MagicKind.CELL && supports(MagicKind.CELL) ? cellCodeLabel : codeLabel;
    if (takesCode()) {
      spec.addPositional(PositionalParamSpec.builder()
          .paramLabel(label.isEmpty() ? "" : label).hideParamSyntax(true).hidden(label.isEmpty())
          .arity("0..*").type(String[].class)
          .description("Java code: the rest of the line, verbatim.").build());
    }
    return spec;
  }

  /** Help: the one-line description, picocli's usage text of the flags, the details. */
  public String help() {
    String usage = new CommandLine(commandSpec()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    StringBuilder out = new StringBuilder(displayNames()).append(": ").append(description).append('\n').append(usage);
    if (!details.isEmpty()) {
      out.append("\n\n").append(details.stripTrailing());
    }
    return out.toString();
  }

  /** This definition with what the magic does. */
  public <C> Magic<C> bind(MagicHandler<C> handler) {
    MagicDefinition self = this;
    return new Magic<>() {
      @Override
      public MagicDefinition definition() {
        return self;
      }

      @Override
      public Object run(MagicInvocation invocation, C context) throws Exception {
        return handler.run(invocation, context);
      }
    };
  }
}
