package io.jparallel.client.shipping;

import io.jparallel.jshell.JShellNames;

/**
 * The value a static field had when a function was shipped; the engine sets it before it
 * runs the function. For JShell these are REPL variables: {@code int k} lives in
 * {@code REPL.$JShell$N.k}.
 */
public record StaticValue(String className, String fieldName, Object value) {

  /** How error messages name it: {@code REPL variable 'k'} or {@code static field a.B.c}. */
  public String describe() {
    return describe(className, fieldName);
  }

  static String describe(String className, String fieldName) {
    return JShellNames.isWrapper(className)
        ? "REPL variable '" + fieldName + "'"
        : "static field " + JShellNames.userName(className) + "." + fieldName;
  }
}
