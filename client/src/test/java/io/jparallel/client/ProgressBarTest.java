package io.jparallel.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void progressBarLine() {
    assertThat(ProgressBar.tasks(40).render(5, 10, Duration.ofMillis(1234)))
        .isEqualTo("[#########..........] 5/10 tasks, 1.23 s");
    assertThat(ProgressBar.tasks(40).render(5, 10, Duration.ofMillis(1234))).hasSize(40);
    assertThat(ProgressBar.tasks(31).render(0, 10, Duration.ZERO)).isEqualTo("[............] 0/10 tasks, 0 ns").hasSize(31);
    assertThat(ProgressBar.tasks(30).render(10, 10, Duration.ofSeconds(75))).isEqualTo("[######] 10/10 tasks, 1min 15s").hasSize(30);
  }

  @Test
  void progressBarFitsNarrowTerminals() {
    assertThat(ProgressBar.tasks(22).render(3, 10, Duration.ofMillis(200))).isEqualTo("3/10 tasks, 200 ms");
    assertThat(ProgressBar.tasks(8).render(3, 10, Duration.ofMillis(200))).isEqualTo("3/10 tas");
    assertThat(new ProgressBar("chunks", 36).render(12, 4, Duration.ofSeconds(2))).isEqualTo("[##################] 4/4 chunks, 2 s");
    assertThat(ProgressBar.tasks(30).render(0, 0, Duration.ofSeconds(1))).isEqualTo("[#############] 0/0 tasks, 1 s").hasSize(30);
  }
}
