package io.jparallel.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * JShell's own commands in a session (the REPL, the kernel and {@code jpar run} alike), answered
 * from the session's JShell snippet API and written as the {@code jshell} tool writes them
 * ({@code |    int k = 3}): {@code /vars}, {@code /methods}, {@code /types}, {@code /imports},
 * {@code /list}, {@code /drop}, {@code /history}, {@code /save}, {@code /open}, {@code /reset},
 * {@code /help}, and {@code /!} or {@code /ID} to run a snippet again. {@code /exit} is the
 * front end's. The session's own snippets (imports, {@code rc}/{@code dv}/{@code lv}) are the
 * start-up snippets: {@code /list -start} shows them, {@code /reset} keeps them.
 */
final class JShellCommands {
  private static final Map<String, String> HELP = new java.util.LinkedHashMap<>();

  static {
    HELP.put("/list [-all|-start|NAME|ID]", "list the source you have typed");
    HELP.put("/vars [-all|-start|NAME|ID]", "list the declared variables and their values");
    HELP.put("/methods [-all|-start|NAME|ID]", "list the declared methods and their signatures");
    HELP.put("/types [-all|-start|NAME|ID]", "list the declared classes, interfaces, enums and records");
    HELP.put("/imports", "list the imported items");
    HELP.put("/drop NAME|ID...", "delete a source entry");
    HELP.put("/save [-all|-history|-start] FILE", "save the snippet source (or the history) to a file");
    HELP.put("/open FILE", "run a file as input (magics included)");
    HELP.put("/history", "the history of what you have typed");
    HELP.put("/reset", "drop every snippet you typed (rc, dv and lv stay bound)");
    HELP.put("/! or /ID", "run the last snippet, or snippet ID, again");
    HELP.put("/help", "this list");
    HELP.put("/exit", "leave (the REPL, or jupyter console)");
  }

  private final LocalShell shell;
  private final Supplier<List<String>> history;
  private final BiFunction<String, SessionOutput, CellResult> run;
  private final Function<String, Completeness> completeness;
  private final Runnable afterReset;

  /**
   * {@code run} runs input as a cell of the session ({@code /open}, {@code /!}), split into cells
   * by {@code completeness}; {@code afterReset} binds what the session defines again
   * ({@code rc}, {@code dv}, {@code lv}).
   */
  JShellCommands(LocalShell shell, Supplier<List<String>> history, BiFunction<String, SessionOutput, CellResult> run,
      Function<String, Completeness> completeness, Runnable afterReset) {
    this.shell = shell;
    this.history = history;
    this.run = run;
    this.completeness = completeness;
    this.afterReset = afterReset;
  }

  /** Whether a line ends the session: {@code /exit} as in jshell, or IPython's {@code exit} and {@code quit}. */
  static boolean isExit(String line) {
    String s = line.strip();
    return s.equals("/exit") || s.matches("/exit\\s+\\d+") || s.equals("exit") || s.equals("quit")
        || s.equals("exit()") || s.equals("quit()");
  }

  /** Whether a cell is a JShell command: one line starting with {@code /} and a letter, {@code !}, {@code -} or a digit. */
  static boolean isCommand(String cell) {
    String s = cell.strip();
    return s.length() > 1 && s.charAt(0) == '/' && !s.contains("\n")
        && (Character.isLetter(s.charAt(1)) || s.charAt(1) == '!' || s.charAt(1) == '-' || Character.isDigit(s.charAt(1)))
        && !s.startsWith("/*");
  }

  /** The command names, for completion. */
  static List<String> names() {
    return HELP.keySet().stream().map(k -> k.split("[ \\[]")[0]).filter(n -> !n.equals("/!")).distinct().toList();
  }

  CellResult run(String cell, SessionOutput out) {
    String[] words = cell.strip().split("\\s+");
    String name = words[0];
    List<String> args = List.of(words).subList(1, words.length);
    JShell js = shell.shell();
    String prefix = match(name);
    return switch (prefix) {
      case "/vars" -> print(out, selected(args, js.snippets().filter(s -> s instanceof VarSnippet), true) // parked values too
          .map(v -> "|    " + describe((VarSnippet) v)));
      case "/methods" -> print(out, selected(args, js.methods(), true).map(m -> "|    " + describe((MethodSnippet) m)));
      case "/types" -> print(out, selected(args, js.types(), true).map(t -> "|    " + describe((TypeDeclSnippet) t)));
      case "/imports" -> print(out, js.imports().filter(i -> js.status(i).isActive())
          .map(i -> "|    " + stripSemicolon(i.source())));
      case "/list" -> print(out, selected(args, js.snippets(), false).map(JShellCommands::listed));
      case "/drop" -> drop(args, out);
      case "/history" -> print(out, history.get().stream());
      case "/save" -> save(args, out);
      case "/open" -> open(args, out);
      case "/reset" -> reset(out);
      case "/help" -> print(out, HELP.entrySet().stream().map(e -> String.format("|  %-36s %s", e.getKey(), e.getValue())));
      case "/!" -> again(lastUserSnippet(), name, out);
      default -> name.matches("/\\d+") ? again(byId(name.substring(1)), name, out) : unknown(name);
    };
  }

  /** The command {@code name} abbreviates ({@code /v} is {@code /vars}), as jshell accepts unique prefixes. */
  private static String match(String name) {
    if (name.equals("/!") || name.matches("/\\d+")) {
      return name.equals("/!") ? "/!" : "";
    }
    List<String> hits = names().stream().filter(n -> n.startsWith(name)).toList();
    return hits.contains(name) ? name : hits.size() == 1 ? hits.get(0) : "";
  }

  private CellResult unknown(String name) {
    List<String> hits = names().stream().filter(n -> n.startsWith(name)).toList();
    String why = hits.size() > 1 ? "Command: " + name + " is ambiguous: " + String.join(", ", hits)
        : "No such command or snippet id: " + name;
    return CellResult.error(new ErrorInfo("UsageError", why + " (type /help for help)", List.of()));
  }

  private static CellResult print(SessionOutput out, Stream<String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    if (sb.length() > 0) {
      out.stdout(sb.toString());
    }
    return CellResult.ok(null);
  }

  /**
   * jshell's selection: the active snippets by default (the session's own too when
   * {@code withStartup}, as {@code /vars} lists {@code rc}; not for {@code /list}), {@code -start}
   * the session's, {@code -all} every one (dropped and failed too), or those named or numbered.
   */
  private Stream<? extends Snippet> selected(List<String> args, Stream<? extends Snippet> all, boolean withStartup) {
    JShell js = shell.shell();
    if (args.contains("-all")) {
      return all;
    }
    if (args.contains("-start")) {
      return all.filter(shell::isStartup);
    }
    if (!args.isEmpty()) {
      return all.filter(s -> args.contains(s.id()) || (s instanceof DeclarationSnippet d && args.contains(d.name())));
    }
    return all.filter(s -> (js.status(s).isActive() || s instanceof VarSnippet v && shell.parked(v))
        && (withStartup || !shell.isStartup(s)));
  }

  private String describe(VarSnippet v) {
    return shell.describe(v).toString();
  }

  private static String describe(MethodSnippet m) {
    String sig = m.signature();
    String returned = sig.substring(sig.lastIndexOf(')') + 1);
    return returned + " " + m.name() + "(" + m.parameterTypes() + ")";
  }

  private static String describe(TypeDeclSnippet t) {
    return kind(t) + " " + t.name();
  }

  private static String kind(TypeDeclSnippet t) {
    return switch (t.subKind()) {
      case INTERFACE_SUBKIND -> "interface";
      case ENUM_SUBKIND -> "enum";
      case ANNOTATION_TYPE_SUBKIND -> "@interface";
      case RECORD_SUBKIND -> "record";
      default -> "class";
    };
  }

  /** {@code    3 : int k = 3;} with the lines after the first indented under it, as jshell lists. */
  private static String listed(Snippet s) {
    String source = s.source().stripTrailing().replace("\n", "\n       ");
    return String.format("%4s : %s", s.id(), source);
  }

  private CellResult drop(List<String> args, SessionOutput out) {
    if (args.isEmpty()) {
      return usage("/drop NAME|ID...: which snippet? (see /list)");
    }
    JShell js = shell.shell();
    List<Snippet> targets = js.snippets()
        .filter(s -> (js.status(s).isActive() || s instanceof VarSnippet v && shell.parked(v)) && !shell.isStartup(s)
            && (args.contains(s.id())
            || (s instanceof DeclarationSnippet d && args.contains(d.name()))))
        .map(s -> (Snippet) s).toList();
    if (targets.isEmpty()) {
      return usage("No such snippet: " + String.join(" ", args) + " (see /list)");
    }
    StringBuilder sb = new StringBuilder();
    for (Snippet s : targets) {
      if (!(s instanceof VarSnippet v && shell.forget(v))) {
        js.drop(s);
      }
      sb.append("|  dropped ").append(dropped(s)).append('\n');
    }
    out.stdout(sb.toString());
    return CellResult.ok(null);
  }

  private static String dropped(Snippet s) {
    if (s instanceof VarSnippet v) {
      return "variable " + v.name();
    }
    if (s instanceof MethodSnippet m) {
      return "method " + m.name() + "(" + m.parameterTypes() + ")";
    }
    if (s instanceof TypeDeclSnippet t) {
      return kind(t) + " " + t.name();
    }
    if (s instanceof ImportSnippet i) {
      return "import " + i.fullname();
    }
    return "snippet " + s.id();
  }

  private CellResult save(List<String> args, SessionOutput out) {
    List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (files.size() != 1) {
      return usage("/save [-all|-history|-start] FILE: one file, please");
    }
    JShell js = shell.shell();
    List<String> lines = new ArrayList<>();
    if (args.contains("-history")) {
      lines.addAll(history.get());
    } else {
      selected(args.stream().filter(a -> a.startsWith("-")).toList(), js.snippets(), false)
          .filter(s -> args.contains("-all") || js.status(s) != Snippet.Status.REJECTED)
          .forEach(s -> lines.add(s.source().stripTrailing()));
    }
    Path file = Path.of(files.get(0));
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return usage("cannot write " + file + ": " + e.getMessage());
    }
    return CellResult.ok(null);
  }

  private CellResult open(List<String> args, SessionOutput out) {
    if (args.size() != 1) {
      return usage("/open FILE: one file, please");
    }
    Path file = Path.of(args.get(0));
    String script;
    try {
      script = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return usage("File '" + file + "' for '/open' is not found.");
    }
    CellResult last = CellResult.ok(null);
    for (ScriptCell cell : ScriptCells.split(script, completeness)) {
      last = run.apply(cell.code(), out);
      if (!last.ok()) {
        return last;
      }
    }
    return last;
  }

  private CellResult reset(SessionOutput out) {
    JShell js = shell.shell();
    js.snippets().filter(s -> !shell.isStartup(s) && js.status(s).isActive()).toList().forEach(js::drop);
    afterReset.run();
    out.stdout("|  Resetting state.\n");
    return CellResult.ok(null);
  }

  private Snippet lastUserSnippet() {
    JShell js = shell.shell();
    return js.snippets().filter(s -> !shell.isStartup(s) && js.status(s) != Snippet.Status.REJECTED)
        .reduce((a, b) -> b).orElse(null);
  }

  private Snippet byId(String id) {
    return shell.shell().snippets().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }

  private CellResult again(Snippet s, String name, SessionOutput out) {
    if (s == null) {
      return usage("No such command or snippet id: " + name + " (type /help for help)");
    }
    out.stdout(s.source().stripTrailing() + "\n");
    return run.apply(s.source(), out);
  }

  private static CellResult usage(String message) {
    return CellResult.error(new ErrorInfo("UsageError", message, List.of()));
  }

  private static String stripSemicolon(String s) {
    String t = s.strip();
    return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
  }
}
