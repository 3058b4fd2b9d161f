package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two sessions in one JVM share nothing: output, renderers and state stay each their own. */
@Timeout(120)
class TwoSessionsTest {
  Session a;
  Session b;

  @BeforeEach
  void open() {
    a = Session.open(SessionOptions.noCluster());
    b = Session.open(SessionOptions.noCluster());
  }

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void whatACellPrintsGoesToItsOwnSessionWhileTheOtherRunsACell() throws Exception {
    RecordingOutput outA = new RecordingOutput();
    RecordingOutput outB = new RecordingOutput();
    CompletableFuture<CellResult> cellA = CompletableFuture.supplyAsync(() -> a.execute(
        "System.out.println(\"a started\"); Thread.sleep(3000); System.out.println(\"a done\"); display(\"a shown\");",
        outA));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!outA.out.toString().contains("a started") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(outA.out.toString()).contains("a started");
    CellResult cellB = b.execute("System.out.println(\"b\"); System.err.println(\"b err\");", outB);
    assertThat(cellB.ok()).as(String.valueOf(cellB.error())).isTrue();
    assertThat(cellA.get(60, TimeUnit.SECONDS).ok()).isTrue();

    assertThat(outA.out.toString()).isEqualTo("a started\na done\n");
    assertThat(outA.displayed()).contains("a shown");
    assertThat(outA.err.toString()).isEmpty();
    assertThat(outB.out.toString()).isEqualTo("b\n");
    assertThat(outB.err.toString()).isEqualTo("b err\n");
    assertThat(outB.displays).isEmpty();
  }

  @Test
  void renderersAndMagicStateAreEachSessionsOwn() {
    a.displays().register(Integer.class, i -> Display.text("the int " + i));
    assertThat(a.execute("40 + 2", new RecordingOutput()).value().text()).isEqualTo("the int 42");
    assertThat(b.execute("40 + 2", new RecordingOutput()).value().text()).isEqualTo("42");

    RecordingOutput out = new RecordingOutput();
    a.execute("%autopx", out);
    assertThat(a.autopx()).isTrue();
    assertThat(b.autopx()).isFalse();
    a.execute("%autopx", out);

    RecordingOutput bOut = new RecordingOutput();
    CellResult noCluster = b.execute("rc.ids()", bOut);
    assertThat(noCluster.ok()).isFalse();
  }

  @Test
  void closingOneSessionLeavesTheOtherWorking() {
    a.close();
    a = null;
    RecordingOutput out = new RecordingOutput();
    CellResult r = b.execute("System.out.println(\"still here\"); 6 * 7", out);
    assertThat(r.ok()).isTrue();
    assertThat(r.value().text()).isEqualTo("42");
    assertThat(out.out.toString()).isEqualTo("still here\n");
  }
}
