package io.jparallel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JShellNamesTest {
  @Test
  void wrappersOfEveryGenerationAreWrappers() {
    assertThat(JShellNames.isWrapper("REPL.$JShell$12")).isTrue();
    assertThat(JShellNames.isWrapper("REPL.$JShell$12B")).isTrue();
    assertThat(JShellNames.isWrapper("REPL.$JShell$12$Sample")).isFalse();
    assertThat(JShellNames.isWrapper("REPL.$JShell$12B$Sample")).isFalse();
    assertThat(JShellNames.isWrapper("REPL.$JShell$")).isFalse();
    assertThat(JShellNames.isWrapper("example.Pricing")).isFalse();
  }

  @Test
  void usersReadTheirOwnNames() {
    assertThat(JShellNames.userName("REPL.$JShell$24$Sample")).isEqualTo("Sample");
    assertThat(JShellNames.userName("REPL.$JShell$3B$Outer$Inner")).isEqualTo("Outer.Inner");
    assertThat(JShellNames.userName("REPL.$JShell$24")).isEqualTo("REPL.$JShell$24");
    assertThat(JShellNames.userName("java.lang.Object")).isEqualTo("java.lang.Object");
  }
}
