package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A task failure as the client sees it: exception class (or diagnostic kind), message and
 * traceback lines ({@code java.lang.ArithmeticException: / by zero}, {@code \tat ...}),
 * with the engine's and JShell's own frames trimmed.
 */
record ErrorReport(String ename, String evalue, List<String> traceback) {
  static final String ABORTED = "TaskAbortedException";

  private static final String[] MACHINERY = {
      "io.jparallel.engine.", "io.jparallel.fn.", "jdk.jshell.", "jdk.internal.reflect.",
      "java.lang.reflect.Method", "java.lang.Thread", "REPL.$Cancel$"};

  static ErrorReport aborted(String what) {
    return new ErrorReport(ABORTED, what, List.of());
  }

  static ErrorReport of(Throwable t) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      lines.add(prefix + headline(c.getClass().getName(), c.getMessage()));
      frames(c.getStackTrace(), lines);
      prefix = "Caused by: ";
    }
    return new ErrorReport(t.getClass().getName(), String.valueOf(t.getMessage()), List.copyOf(lines));
  }

  static String headline(String className, String message) {
    return message == null ? className : className + ": " + message;
  }

  /** Appends {@code \tat} lines for the user's frames: the trailing run of machinery frames is dropped. */
  static void frames(StackTraceElement[] trace, List<String> out) {
    int end = trace.length;
    while (end > 0 && isMachinery(trace[end - 1])) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      out.add("\tat " + frame(trace[i]));
    }
  }

  private static String frame(StackTraceElement e) {
    String file = e.getFileName();
    if (file != null && file.startsWith("#")) { // JShell snippet: #id:line
      String m = e.getMethodName();
      boolean wrapper = m.equals("do_it$") || m.startsWith("lambda$do_it$");
      String cls = e.getClassName();
      String where = cls.startsWith("REPL.$JShell$") || cls.isEmpty() ? "" : cls + ".";
      return (wrapper ? where : where + m) + "(" + file + ":" + e.getLineNumber() + ")";
    }
    return e.toString();
  }

  private static boolean isMachinery(StackTraceElement e) {
    String c = e.getClassName();
    for (String p : MACHINERY) {
      if (c.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  ObjectNode toContent(int engineId) {
    ObjectNode c = Json.object();
    c.put("status", ABORTED.equals(ename) ? "aborted" : "error");
    c.put("ename", ename);
    c.put("evalue", evalue);
    ArrayNode tb = c.putArray("traceback");
    traceback.forEach(tb::add);
    c.put("engine_id", engineId);
    return c;
  }
}
