package io.jparallel.session;

import io.jparallel.jshell.VariableInfo;
import java.util.List;

/**
 * How {@code %who} and {@code %whos} write a namespace, as IPython does: names separated by
 * tabs, or a table of name, type and value ({@code Variable  Type  Data/Info}); JShell's
 * temporaries ({@code $1}) left out, and only the types asked for when some are. Types read
 * without their packages ({@code ArrayList<Integer>}, as engines declare pushed values
 * {@code java.util.ArrayList<java.lang.Integer>}).
 */
final class VariableTable {
  static final String EMPTY = "Interactive namespace is empty.";
  private static final int MAX_DATA = 60;

  private VariableTable() {}

  /** {@code %who}: the names, tab-separated. */
  static String who(List<VariableInfo> vars, List<String> types) {
    List<VariableInfo> shown = shown(vars, types);
    return shown.isEmpty() ? EMPTY : String.join("\t", shown.stream().map(VariableInfo::name).toList());
  }

  /** {@code %whos}: a table of name, type and value. */
  static String whos(List<VariableInfo> vars, List<String> types) {
    List<VariableInfo> shown = shown(vars, types);
    if (shown.isEmpty()) {
      return EMPTY;
    }
    int nameWidth = Math.max("Variable".length(), shown.stream().mapToInt(v -> v.name().length()).max().orElse(0)) + 3;
    int typeWidth = Math.max("Type".length(), shown.stream().mapToInt(v -> simple(v.type()).length()).max().orElse(0)) + 3;
    StringBuilder sb = new StringBuilder();
    sb.append(pad("Variable", nameWidth)).append(pad("Type", typeWidth)).append("Data/Info\n");
    sb.append("-".repeat(nameWidth + typeWidth + "Data/Info".length())).append('\n');
    for (VariableInfo v : shown) {
      String data = v.value().replace('\n', ' ');
      if (data.length() > MAX_DATA) {
        data = data.substring(0, MAX_DATA - 3) + "...";
      }
      sb.append(pad(v.name(), nameWidth)).append(pad(simple(v.type()), typeWidth)).append(data).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static List<VariableInfo> shown(List<VariableInfo> vars, List<String> types) {
    return vars.stream().filter(v -> !v.name().startsWith("$"))
        .filter(v -> types.isEmpty() || types.contains(v.type()) || types.contains(simple(v.type()))).toList();
  }

  /** {@code java.util.ArrayList<java.lang.Integer>} as {@code ArrayList<Integer>}. */
  static String simple(String type) {
    return type.replaceAll("(?<![\\w$])(?:[a-z_][\\w$]*\\.)+(?=[A-Z_$])", "");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
