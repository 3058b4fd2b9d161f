package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The session's JShell is built behind it: a cell right after opening waits for it, a close right after opening leaves nothing behind. */
class ShellBehindTest {
  private static boolean starting() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("jparallel-jshell-start") && t.isAlive());
  }

  @Test
  void aCellRightAfterOpeningWaitsForTheShell() {
    try (Session session = Session.open(SessionOptions.noCluster())) {
      assertThat(starting()).as("the shell is still being built when open returns").isTrue();
      RecordingOutput out = new RecordingOutput();
      CellResult r = session.execute("Math.max(2, 40) + 0", out);
      assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.value().text()).isEqualTo("40");
      assertThat(starting()).isFalse();
    }
  }

  @Test
  void closingRightAfterOpeningEndsTheShellsStart() {
    Session session = Session.open(SessionOptions.noCluster());
    session.interrupt(); // nothing runs yet: a no-op, not a wait
    session.close();
    assertThat(starting()).isFalse();
  }
}
