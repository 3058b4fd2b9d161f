package io.jparallel.jshell;

/**
 * How JShell names the classes it generates, and how users should read them. A snippet's
 * wrapper is {@code REPL.$JShell$12}; a snippet that replaces one of the same key (a variable
 * declared again with the same name and type) gets a new generation of its wrapper,
 * {@code REPL.$JShell$12B}, then {@code ...$12C}. Classes nested in a wrapper
 * ({@code REPL.$JShell$7$Sample}) are the user's own classes, records and interfaces.
 */
public final class JShellNames {
  private static final String WRAPPER_PREFIX = "REPL.$JShell$";

  private JShellNames() {}

  /**
   * Whether {@code className} is a snippet wrapper ({@code REPL.$JShell$12}, {@code REPL.$JShell$12B}):
   * its statics are REPL variables and its static methods REPL methods.
   */
  public static boolean isWrapper(String className) {
    return wrapperLength(className) == className.length();
  }

  /**
   * The name a user knows a class by: {@code Sample} for {@code REPL.$JShell$24$Sample},
   * {@code Outer.Inner} for {@code REPL.$JShell$3B$Outer$Inner}; any other name as it is.
   */
  public static String userName(String className) {
    int end = wrapperLength(className);
    if (end < 0 || end == className.length() || className.charAt(end) != '$') {
      return className;
    }
    return className.substring(end + 1).replace('$', '.');
  }

  /** The length of the wrapper name {@code className} starts with, or -1. */
  private static int wrapperLength(String className) {
    if (className == null || !className.startsWith(WRAPPER_PREFIX)) {
      return -1;
    }
    int i = WRAPPER_PREFIX.length();
    int digits = i;
    while (i < className.length() && Character.isDigit(className.charAt(i))) {
      i++;
    }
    if (i == digits) {
      return -1;
    }
    while (i < className.length() && className.charAt(i) >= 'A' && className.charAt(i) <= 'Z') {
      i++;
    }
    return i;
  }
}
