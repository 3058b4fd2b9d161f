package io.jparallel.jshell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a failure of user code shows, locally and on engines: {@code Class: message}, the
 * user's frames as {@code \tat ...} lines, then each cause as {@code Caused by: ...}. Frames
 * of ours are left out (with the JDK frames they called), and so is the trailing run of
 * machinery that called the user's code (JShell, reflection, the thread); JShell snippet frames
 * read {@code boom(#2:1)} (a method of snippet 2) or {@code (#3:1)} (the snippet itself), as
 * the {@code jshell} tool shows them.
 */
public final class Traceback {
  private static final List<String> MACHINERY = List.of(
      "jdk.jshell.", "jdk.internal.reflect.", "java.lang.reflect.", "java.lang.Thread", "REPL.$Cancel$");

  private Traceback() {}

  /**
   * The lines of {@code t} and its causes; {@code name} gives a throwable's class name (JShell
   * reports the user's exceptions as its own type), {@code ours} tells our classes by name.
   */
  public static List<String> of(Throwable t, Function<Throwable, String> name, Predicate<String> ours) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      String n = name.apply(c);
      lines.add(prefix + (c.getMessage() == null ? n : n + ": " + c.getMessage()));
      frames(c.getStackTrace(), ours, lines);
      prefix = "Caused by: ";
    }
    return lines;
  }

  private static void frames(StackTraceElement[] trace, Predicate<String> ours, List<String> out) {
    int end = trace.length;
    while (end > 0 && (isMachinery(trace[end - 1].getClassName()) || ours.test(trace[end - 1].getClassName()))) {
      end--;
    }
    for (int i = calledByUs(trace, ours); i < end; i++) {
      if (!ours.test(trace[i].getClassName())) {
        out.add("\tat " + frame(trace[i]));
      }
    }
  }

  /**
   * Where the user's part of a trace starts: below the last frame of ours above the first
   * frame of the user's, so the JDK frames our code called on the way ({@code Map.forEach}
   * inside {@code dv.push}) go with ours; JDK frames the user's code called stay.
   */
  private static int calledByUs(StackTraceElement[] trace, Predicate<String> ours) {
    int lastOurs = -1;
    for (int i = 0; i < trace.length; i++) {
      String c = trace[i].getClassName();
      if (ours.test(c)) {
        lastOurs = i;
      } else if (!isJdk(c)) {
        return lastOurs + 1;
      }
    }
    return 0;
  }

  private static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  private static String frame(StackTraceElement e) {
    String file = e.getFileName();
    if (file != null && file.startsWith("#")) { // a JShell snippet: #id:line
      String m = e.getMethodName();
      boolean wrapper = m.equals("do_it$") || m.startsWith("lambda$do_it$");
      String cls = e.getClassName();
      String where = cls.startsWith("REPL.$JShell$") || cls.isEmpty() ? "" : cls + ".";
      return (wrapper ? where : where + m) + "(" + file + ":" + e.getLineNumber() + ")";
    }
    return e.toString();
  }

  private static boolean isMachinery(String className) {
    for (String p : MACHINERY) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
