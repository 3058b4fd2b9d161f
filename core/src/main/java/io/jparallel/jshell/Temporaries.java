package io.jparallel.jshell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The expression values JShell keeps as temporary variables ({@code $1}, {@code $2}, ...): the
 * last {@link #KEPT} of them, and every one a later snippet names. JShell compiles each new
 * snippet against every variable still declared (a static import each, whose class javac
 * reads again in each of the two to four javac tasks of a snippet), so only the newest
 * {@link #DECLARED} stay declared; the older kept ones are parked (their value, type and text
 * held here, their snippet dropped) and declared again, with their value, before a snippet that
 * names one runs. Without a bound a cell costs more the longer a session runs (a cell {@code 1}
 * after 400 others took twice the time of the 50th) and every value ever shown stays reachable;
 * IPython bounds its output history the same way ({@code cache_size}). Confined to the
 * runtime's evaluating thread.
 */
final class Temporaries {
  /** How many of the newest temporaries' values stay. */
  static final int KEPT = 32;
  /** How many of the newest temporaries stay declared in JShell. */
  static final int DECLARED = 4;
  private static final Pattern NAME = Pattern.compile("\\$(\\d+)(?![\\w$])");

  /** A temporary held outside JShell: what declaring it again needs, and what {@code /vars} shows. */
  record Parked(VarSnippet snippet, String typeName, String fullTypeName, String valueText, Object value) {
    String name() {
      return snippet.name();
    }
  }

  private record Declared(VarSnippet snippet, String valueText) {}

  private final ArrayDeque<Declared> declared = new ArrayDeque<>();
  /** By number, oldest first. */
  private final LinkedHashMap<Integer, Parked> parked = new LinkedHashMap<>();
  private final BitSet named = new BitSet();
  private final BitSet dropped = new BitSet();

  /**
   * A snippet's source is about to run: the temporaries it names stay for good, and those of
   * them parked are returned (in the order named) for the runtime to declare again first.
   */
  List<Parked> mentioned(String source) {
    if (source.indexOf('$') < 0) {
      return List.of();
    }
    List<Parked> back = new ArrayList<>();
    Matcher m = NAME.matcher(source);
    while (m.find()) {
      OptionalInt n = number(m.group());
      if (n.isPresent()) {
        named.set(n.getAsInt());
        Parked p = parked.remove(n.getAsInt());
        if (p != null) {
          back.add(p);
        }
      }
    }
    return back;
  }

  /**
   * A snippet ran; if it made a temporary, that one is the newest: beyond {@link #DECLARED}
   * the oldest unnamed one is parked ({@code park} reads it: null when it cannot) and dropped from JShell,
   * and beyond {@link #KEPT} the oldest parked one is let go. {@code onDrop} lets go of what
   * else refers to a dropped snippet.
   */
  void ran(JShell shell, Snippet s, String valueText, BiFunction<VarSnippet, String, Parked> park, Consumer<VarSnippet> onDrop) {
    if (!(s instanceof VarSnippet v) || v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      return;
    }
    declared.addLast(new Declared(v, valueText));
    while (declared.size() > DECLARED) {
      Declared old = declared.pollFirst();
      OptionalInt n = number(old.snippet().name());
      if (n.isEmpty() || named.get(n.getAsInt()) || !shell.status(old.snippet()).isActive()) {
        continue; // named by a later snippet: declared for good
      }
      Parked p = shell.status(old.snippet()) == Snippet.Status.VALID ? park.apply(old.snippet(), old.valueText()) : null;
      if (p != null) {
        parked.put(n.getAsInt(), p);
      } else {
        dropped.set(n.getAsInt());
      }
      shell.drop(old.snippet());
      onDrop.accept(old.snippet());
    }
    while (parked.size() > KEPT - DECLARED) {
      Map.Entry<Integer, Parked> oldest = parked.entrySet().iterator().next();
      parked.remove(oldest.getKey());
      dropped.set(oldest.getKey());
    }
  }

  /** The parked temporary of this snippet, if it is one. */
  Optional<Parked> parked(VarSnippet v) {
    OptionalInt n = number(v.name());
    return n.isEmpty() ? Optional.empty() : Optional.ofNullable(parked.get(n.getAsInt())).filter(p -> p.snippet() == v);
  }

  /** Forgets a parked temporary ({@code /drop} of it): naming it later is an error. */
  boolean forget(VarSnippet v) {
    if (parked(v).isEmpty()) {
      return false;
    }
    int n = number(v.name()).getAsInt();
    parked.remove(n);
    dropped.set(n);
    return true;
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
