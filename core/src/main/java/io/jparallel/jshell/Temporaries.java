package io.jparallel.jshell;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The expression values JShell keeps as temporary variables ({@code $1}, {@code $2}, ...): the
 * last {@link #KEPT} of them, and every one a later snippet names. JShell compiles each new
 * snippet against every variable still active (a static import each), so without a bound a
 * cell costs more the longer a session runs (a cell {@code 1} after 400 others took twice the
 * time of the 50th) and every value ever shown stays reachable; IPython bounds its output
 * history the same way ({@code cache_size}). Confined to the runtime's evaluating thread.
 */
final class Temporaries {
  /** How many of the newest temporaries stay. */
  static final int KEPT = 32;
  private static final Pattern NAME = Pattern.compile("\\$(\\d+)(?![\\w$])");

  private final ArrayDeque<VarSnippet> kept = new ArrayDeque<>();
  private final BitSet named = new BitSet();
  private final BitSet dropped = new BitSet();

  /** A snippet's source was run: the temporaries it names stay for good. */
  void mentioned(String source) {
    if (source.indexOf('$') < 0) {
      return;
    }
    Matcher m = NAME.matcher(source);
    while (m.find()) {
      number(m.group()).ifPresent(named::set);
    }
  }

  /**
   * A snippet ran; if it made a temporary, that one is the newest, and the oldest beyond
   * {@link #KEPT} are dropped ({@code onDrop} lets go of what else refers to them).
   */
  void ran(JShell shell, Snippet s, Consumer<VarSnippet> onDrop) {
    if (!(s instanceof VarSnippet v) || v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      return;
    }
    kept.addLast(v);
    while (kept.size() > KEPT) {
      VarSnippet old = kept.pollFirst();
      OptionalInt n = number(old.name());
      if (n.isPresent() && named.get(n.getAsInt())) {
        continue;
      }
      if (shell.status(old).isActive()) {
        shell.drop(old);
        n.ifPresent(dropped::set);
        onDrop.accept(old);
      }
    }
  }

  /** Whether {@code name} is a temporary this runtime let go of. */
  boolean wasDropped(String name) {
    OptionalInt n = number(name);
    return n.isPresent() && dropped.get(n.getAsInt());
  }

  /** The first dropped temporary {@code source} names, or null. */
  String droppedIn(String source) {
    if (source.indexOf('$') < 0) {
      return null;
    }
    Matcher m = NAME.matcher(source);
    while (m.find()) {
      if (wasDropped(m.group())) {
        return m.group();
      }
    }
    return null;
  }

  private static OptionalInt number(String name) {
    if (name.length() < 2 || name.charAt(0) != '$' || name.length() > 10) {
      return OptionalInt.empty();
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(Integer.parseInt(name.substring(1)));
  }
}
