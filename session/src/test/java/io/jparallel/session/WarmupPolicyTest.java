package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.jshell.CompilerWarmup;
import org.junit.jupiter.api.Test;

/** javac's warm-up runs only in a quiet session: cells one after another warm javac themselves, and a warm-up beside them takes a core. */
class WarmupPolicyTest {
  @Test
  void warmupWaitsWhileCellsFollowOneAnotherAndRunsOnceTheSessionIsQuiet() throws Exception {
    try (Session session = Session.open(SessionOptions.noCluster())) {
      long quiet = CompilerWarmup.QUIET_NANOS / 1_000_000;
      Thread.sleep(quiet + 200);
      assertThat(session.warmupWaits()).as("quiet since it opened").isFalse();
      for (int i = 0; i < 3; i++) {
        assertThat(session.execute("int w" + i + " = " + i + ";", new RecordingOutput()).ok()).isTrue();
        assertThat(session.warmupWaits()).as("right after a cell").isTrue();
      }
      Thread.sleep(quiet / 2);
      assertThat(session.warmupWaits()).as("half the quiet time after the last cell").isTrue();
      Thread.sleep(quiet / 2 + 200);
      assertThat(session.warmupWaits()).as("a quiet second after the last cell").isFalse();
    }
  }
}
