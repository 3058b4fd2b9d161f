package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A local cluster started behind the prompt ({@code Session.open(options, true)}): the first cell waits for it; closing at once leaves no engine. */
class ClusterBehindPromptTest {
  @Test
  void theFirstCellWaitsForTheEnginesAndSeesThemInRc() {
    try (Session session = Session.open(SessionOptions.local(2), true)) {
      RecordingOutput out = new RecordingOutput();
      CellResult r = session.execute("rc.ids().size()", out);
      assertThat(r.ok()).as(String.valueOf(r.error()) + out.err).isTrue();
      assertThat(r.value().text()).isEqualTo("2");
      assertThat(session.clusterStarting()).isFalse();
      assertThat(session.execute("lv.map(x -> x + 1, List.of(1, 2))", out).value().text()).isEqualTo("[2, 3]");
    }
    assertThat(engineJvms()).as("engine JVMs left after close").isEmpty();
  }

  @Test
  void closingWhileTheClusterStartsLeavesNoEngine() {
    Session session = Session.open(SessionOptions.local(2), true);
    session.beginClusterStart();
    assertThat(session.clusterStarting()).isTrue();
    session.close();
    assertThat(engineJvms()).as("engine JVMs left after close").isEmpty();
  }

  private static List<ProcessHandle> engineJvms() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains("-Djparallel.role=engine")).orElse(false)).toList();
  }
}
