package io.jparallel.client.shipping;

/** How JShell names the classes it generates. */
final class JShellNames {
  private static final String WRAPPER_PREFIX = "REPL.$JShell$";

  private JShellNames() {}

  /**
   * Whether {@code className} is a snippet wrapper ({@code REPL.$JShell$12}): its statics
   * are REPL variables and its static methods REPL methods. Classes nested in a wrapper
   * ({@code REPL.$JShell$7$P}) are the user's own classes, records and interfaces.
   */
  static boolean isWrapper(String className) {
    if (!className.startsWith(WRAPPER_PREFIX) || className.length() == WRAPPER_PREFIX.length()) {
      return false;
    }
    for (int i = WRAPPER_PREFIX.length(); i < className.length(); i++) {
      if (!Character.isDigit(className.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
