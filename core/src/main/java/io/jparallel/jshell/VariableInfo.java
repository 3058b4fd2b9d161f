package io.jparallel.jshell;

/**
 * One variable of a JShell namespace as JShell's {@code /vars} shows it: {@code int k = 3}.
 *
 * @param name the variable's name
 * @param type its declared type, as written ({@code List<Integer>})
 * @param value JShell's text of its value
 */
public record VariableInfo(String name, String type, String value) {
  /** {@code int k = 3}. */
  @Override
  public String toString() {
    return type + " " + name + " = " + value;
  }
}
