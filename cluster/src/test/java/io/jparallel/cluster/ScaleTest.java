package io.jparallel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.client.Client;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 engines on one controller (local launcher): all register and each serves a direct task
 * and a share of load-balanced ones. How long registration takes is printed, never asserted
 * (the latency at 4/16/64 engines is `jpar bench latency -n N`, figures in the README).
 */
@Timeout(600)
class ScaleTest {
  @Test
  void sixtyFourEnginesRegisterAndServe() {
    long t0 = System.nanoTime();
    // C1 only: 64 JVMs booting on a small machine spend most of their start in the JIT
    List<String> jvm = new java.util.ArrayList<>(io.jparallel.jvm.JvmOptions.engine());
    jvm.add("-XX:TieredStopAtLevel=1");
    try (Cluster c = Cluster.builder().engines(64).jvmOptions(jvm).startTimeout(Duration.ofSeconds(400))
        .clusterId("scale-" + ProcessHandle.current().pid()).start()) {
      System.out.printf("64 engines registered in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Client rc = c.client();
      assertThat(rc.ids()).containsExactlyElementsOf(IntStream.range(0, 64).boxed().toList());
      List<Long> pids = rc.direct().apply(() -> ProcessHandle.current().pid());
      assertThat(new HashSet<>(pids)).hasSize(64);
      List<Integer> squares = rc.loadBalanced().map(x -> x * x, IntStream.range(0, 640).boxed().toList());
      assertThat(squares).containsExactlyElementsOf(IntStream.range(0, 640).map(x -> x * x).boxed().toList());
    }
  }
}
