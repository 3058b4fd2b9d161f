package io.jparallel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 13: a snippet's value text cuts long arrays (JShell makes it for declarations too). */
class SnippetValueTextTest {
  @Test
  void shortValuesAreJShellsOwnTextAndLongArraysEndInDots() {
    assertThat(SnippetExecutionControl.shown(new int[] {1, 2})).isEqualTo("int[2] { 1, 2 }");
    assertThat(SnippetExecutionControl.shown("x")).isEqualTo("\"x\"");
    String big = SnippetExecutionControl.shown(new double[5_000_000]);
    assertThat(big).startsWith("double[5000000] { 0.0, 0.0").endsWith(", 0.0, ... }");
    assertThat(big.length()).isLessThan(10 * SnippetExecutionControl.SHOWN_ELEMENTS);
    assertThat(SnippetExecutionControl.shown(new int[2000][])).startsWith("int[2000][] { null");
  }
}
