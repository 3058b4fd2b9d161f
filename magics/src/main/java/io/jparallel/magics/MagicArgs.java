package io.jparallel.magics;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a magic's argument line into its picocli-populated options object plus the code after
 * the flags. The line is split like a shell ({@link ShellWords}) for picocli; for magics that
 * take code, picocli stops at the first word that is not a flag or a flag's value, and the
 * code is the line from that word on, verbatim (quotes and spaces kept). {@code --} ends the
 * flags explicitly. Errors become a one-line {@link UsageError}.
 */
public final class MagicArgs {
  private MagicArgs() {}

  /** Parses {@code call}'s argument line with {@code definition}'s flags. */
  public static MagicInvocation parse(MagicDefinition definition, MagicCall call) {
    String shown = call.displayName();
    String argLine = call.argLine();
    List<ShellWords.Word> words = ShellWords.split(argLine);
    Object options = definition.options().get();
    CommandSpec spec = definition.commandSpec(options, call.kind());
    CommandLine commandLine = new CommandLine(spec)
        .setExpandAtFiles(false)
        .setStopAtPositional(definition.takesCode())
        .setOverwrittenOptionsAllowed(true)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUnmatchedOptionsArePositionalParams(false);
    ParseResult result;
    try {
      result = commandLine.parseArgs(words.stream().map(ShellWords.Word::text).toArray(String[]::new));
    } catch (ParameterException e) {
      throw new UsageError(shown + ": " + describe(e) + hint(e, definition.name()));
    }
    if (result.isUsageHelpRequested()) {
      return new MagicInvocation(call, options, "", true);
    }
    String code = definition.takesCode() ? code(spec, words, argLine) : "";
    if (call.kind() == MagicKind.CELL && definition.cellCodeLabel().isEmpty() && !code.isEmpty()) {
      throw new UsageError(shown + ": unexpected '" + code + "' after the flags; the code goes in the cell body");
    }
    if (call.kind() == MagicKind.LINE && definition.codeLabel().isEmpty() && !code.isEmpty()) {
      throw new UsageError(shown + ": unexpected argument '" + code + "' (see %" + definition.name() + "?)");
    }
    if (options instanceof MagicOptions checked) {
      try {
        checked.validate();
      } catch (IllegalArgumentException e) {
        throw new UsageError(shown + ": " + e.getMessage());
      }
    }
    return new MagicInvocation(call, options, code, false);
  }

  private static String code(CommandSpec spec, List<ShellWords.Word> words, String argLine) {
    List<PositionalParamSpec> positionals = spec.positionalParameters();
    String[] rest = positionals.isEmpty() ? null : positionals.get(positionals.size() - 1).getValue();
    int count = rest == null ? 0 : rest.length;
    if (count == 0) {
      return "";
    }
    return argLine.substring(words.get(words.size() - count).start()).strip();
  }

  private static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      boolean option = first.startsWith("-") && first.length() > 1;
      return (option ? "unknown option '" : "unexpected argument '") + first + "'";
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
  }

  private static String hint(ParameterException e, String name) {
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
        && unmatched.getUnmatched().get(0).startsWith("--") && !unmatched.getSuggestions().isEmpty()) {
      return " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
    }
    return " (see %" + name + "?)";
  }
}
