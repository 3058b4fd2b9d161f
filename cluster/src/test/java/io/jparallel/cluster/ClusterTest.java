package io.jparallel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.CompositeException;
import io.jparallel.client.DirectView;
import io.jparallel.client.EngineDiedException;
import io.jparallel.client.ExecuteResult;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.RemoteException;
import io.jparallel.client.TaskAbortedException;
import io.jparallel.client.TaskMetadata;
import io.jparallel.client.TaskTimeoutException;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** End to end against a real 2-engine cluster: controller in this JVM, engines as JVM processes. */
@Timeout(120)
class ClusterTest {
  static Cluster cluster;
  static Client rc;
  static DirectView dv;
  static LoadBalancedView lv;

  @BeforeAll
  static void start() {
    cluster = Cluster.local(2);
    rc = cluster.client();
    dv = rc.direct();
    lv = rc.loadBalanced();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void registersEnginesZeroToN() {
    assertThat(rc.ids()).containsExactly(0, 1);
    assertThat(Files.exists(cluster.clientFile())).isTrue();
  }

  @Test
  void executeRunsJShellSourceOnEveryEngine() {
    List<ExecuteResult> r = dv.execute("int a = 5; a * 2");
    assertThat(r).hasSize(2);
    assertThat(r).extracting(ExecuteResult::text).containsExactly("10", "10");
    assertThat(r).extracting(ExecuteResult::engineId).containsExactly(0, 1);
    assertThat(r.get(0).display()).startsWith("Out[0:");
  }

  @Test
  void pushedValuesBecomeTypedVariables() {
    dv.push(Map.of("b", 7));
    List<ExecuteResult> r = dv.execute("int c = b * 2; c");
    assertThat(r).extracting(ExecuteResult::text).containsExactly("14", "14");
    List<Integer> cs = dv.pull("c");
    assertThat(cs).containsExactly(14, 14);
    assertThat((Integer) rc.direct(1).pull("c")).isEqualTo(14);
  }

  @Test
  void applyReturnsOneResultPerEngineInTargetOrder() {
    List<Long> pids = dv.apply(() -> ProcessHandle.current().pid());
    assertThat(pids).hasSize(2).doesNotHaveDuplicates();
    assertThat(pids).containsExactlyInAnyOrderElementsOf(cluster.enginePids());
    long one = rc.direct(1).apply(() -> ProcessHandle.current().pid());
    assertThat(one).isEqualTo(pids.get(1));
    assertThat(rc.direct(0, 1).apply((Integer x, Integer y) -> x + y, 2, 3)).containsExactly(5, 5);
  }

  @Test
  void loadBalancedApplyAndMap() {
    int doubled = lv.apply(x -> x * 2, 21);
    assertThat(doubled).isEqualTo(42);
    AsyncResult<Integer> ar = lv.applyAsync(x -> x * 2, 4);
    assertThat(ar.get(Duration.ofSeconds(10))).isEqualTo(8);
    assertThat(ar.ready()).isTrue();
    assertThat(ar.successful()).isTrue();
    TaskMetadata m = ar.metadata();
    assertThat(m.engineId()).isIn(0, 1);
    assertThat(m.started()).isNotNull();
    assertThat(m.completed()).isAfterOrEqualTo(m.started());
    assertThat(m.received()).isAfterOrEqualTo(m.submitted());
    List<Integer> in = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      in.add(i);
    }
    List<Integer> squares = lv.map(x -> x * x, in);
    for (int i = 0; i < 100; i++) {
      assertThat(squares.get(i)).isEqualTo(i * i);
    }
  }

  /** Issue 13: every hop is stamped, in order (one host, one clock); without asking, the controller adds none. */
  @Test
  void hopTimesFollowTheTaskAroundWhenAsked() {
    TaskMetadata quiet = awaitMetadata(lv.applyAsync(x -> x, "b"));
    assertThat(quiet.hops().hasEngine()).isTrue();
    assertThat(quiet.hops().hasController()).isFalse();
    rc.hopTimes(true);
    try {
      for (AsyncResult<?> ar : List.<AsyncResult<?>>of(lv.applyAsync(x -> x, "c"), rc.direct(1).applyAsync(x -> x, "d"))) {
        io.jparallel.client.HopTimes h = awaitMetadata(ar).hops();
        assertThat(h.hasController()).isTrue();
        assertThat(h.hasEngine()).isTrue();
        long[] stamps = {h.clientSent(), h.controllerIn(), h.controllerOut(), h.engineIn(), h.started(), h.completed(),
            h.engineOut(), h.controllerBack(), h.clientIn()};
        for (int i = 1; i < stamps.length; i++) {
          assertThat(stamps[i]).as("stamp %d of %s", i, h).isGreaterThanOrEqualTo(stamps[i - 1]);
        }
        assertThat(h.engineTransfer()).isGreaterThanOrEqualTo(0);
        assertThat(h.clientTransfer()).isGreaterThanOrEqualTo(0);
        assertThat(h.roundTrip()).isEqualTo(h.clientIn() - h.clientSent());
      }
    } finally {
      rc.hopTimes(false);
    }
  }

  private static TaskMetadata awaitMetadata(AsyncResult<?> ar) {
    ar.get(Duration.ofSeconds(30));
    return ar.metadata();
  }

  @Test
  void scatterAndGatherContiguousBlocks() {
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      xs.add(i);
    }
    dv.scatter("xs", xs);
    List<Object> parts = dv.pull("xs");
    assertThat(parts.get(0)).isEqualTo(List.of(0, 1, 2, 3, 4, 5));
    assertThat(parts.get(1)).isEqualTo(List.of(6, 7, 8, 9, 10));
    List<Integer> back = dv.gather("xs");
    assertThat(back).isEqualTo(xs);
    // a scattered List<Integer> is typed as one on the engines: arithmetic on its elements compiles
    dv.execute("int s = 0; for (int x : xs) s += x * x;");
    List<Integer> perEngine = dv.pull("s");
    assertThat(perEngine.get(0) + perEngine.get(1)).isEqualTo(385);
    double[] d = new double[1001];
    for (int i = 0; i < d.length; i++) {
      d[i] = i * 0.5;
    }
    dv.scatter("d", d);
    dv.execute("for (int i = 0; i < d.length; i++) d[i] = d[i] * 2;");
    double[] doubled = dv.gather("d");
    assertThat(doubled).hasSize(1001);
    for (int i = 0; i < d.length; i++) {
      assertThat(doubled[i]).isEqualTo(i * 1.0);
    }
  }

  @Test
  void outputIsCapturedPerTask() {
    AsyncResult<List<Object>> ar = dv.applyAsync(() -> {
      System.out.println("hello from " + ProcessHandle.current().pid());
      System.err.println("oops");
    });
    ar.get();
    List<TaskMetadata> ms = ar.metadataAll();
    assertThat(ms.get(0).stdout()).startsWith("hello from ");
    assertThat(ms.get(0).stderr()).isEqualTo("oops\n");
  }

  @Test
  void remoteExceptionCarriesEngineIdAndStackTrace() {
    assertThatThrownBy(() -> rc.direct(1).apply(() -> 1 / (int) (System.nanoTime() * 0)))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.engineId()).isEqualTo(1);
          assertThat(e.remoteClass()).isEqualTo("java.lang.ArithmeticException");
          assertThat(e.remoteMessage()).isEqualTo("/ by zero");
          assertThat(e.remoteStackTrace()).contains("at ").contains("ClusterTest");
          assertThat(e.getMessage()).isEqualTo("[1:apply] java.lang.ArithmeticException: / by zero");
        });
    assertThatThrownBy(() -> dv.execute("int z = 1 / 0;"))
        .isInstanceOfSatisfying(CompositeException.class, e -> {
          assertThat(e.causes()).hasSize(2);
          assertThat(e.causes().get(0).getMessage()).startsWith("[0:execute] java.lang.ArithmeticException");
        });
    // the engines still serve
    assertThat(dv.apply(() -> 1)).containsExactly(1, 1);
  }

  @Test
  void afterWaitsForItsDependenciesAndFailsWhenOneFailedOrIsUnknown() {
    AsyncResult<Integer> slow = lv.applyAsync(() -> {
      Thread.sleep(300);
      return 1;
    });
    AsyncResult<Integer> next = lv.after(slow).applyAsync(() -> 2);
    assertThat(next.get(Duration.ofSeconds(20))).isEqualTo(2);
    assertThat(next.metadata().started()).isAfterOrEqualTo(slow.metadata().completed());

    AsyncResult<Integer> broken = lv.applyAsync(() -> 1 / (int) (System.nanoTime() * 0));
    AsyncResult<Integer> behind = lv.after(broken).applyAsync(() -> 3);
    assertThatThrownBy(() -> behind.get(Duration.ofSeconds(20))).hasMessageContaining("dependency")
        .hasMessageContaining("failed");

    // thousands of finished tasks later the first is still known, ok
    List<AsyncResult<Integer>> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(lv.applyAsync(() -> 0));
    }
    many.forEach(r -> r.get(Duration.ofSeconds(60)));
    assertThat(lv.after(slow).applyAsync(() -> 4).get(Duration.ofSeconds(20))).isEqualTo(4);
    assertThatThrownBy(() -> lv.after(broken).applyAsync(() -> 5).get(Duration.ofSeconds(20)))
        .hasMessageContaining("dependency").hasMessageContaining("failed");

    // a purged task is no longer known
    AsyncResult<Integer> gone = lv.applyAsync(() -> 6);
    gone.get(Duration.ofSeconds(20));
    rc.purge(gone.msgIds());
    assertThatThrownBy(() -> lv.after(gone).applyAsync(() -> 7).get(Duration.ofSeconds(20)))
        .hasMessageContaining("is not a known task");
  }

  @Test
  void compileErrorsAreReported() {
    assertThatThrownBy(() -> rc.direct(0).execute("int x = ;"))
        .isInstanceOf(RemoteException.class);
  }

  @Test
  void millionDoublesEchoBitForBit() {
    double[] a = new double[1_000_000];
    Random r = new Random(1);
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble() * 1e300;
    }
    a[3] = Double.NaN;
    a[4] = -0.0;
    double[] back = lv.apply(x -> x, a);
    assertThat(back.length).isEqualTo(a.length);
    for (int i = 0; i < a.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
    }
  }

  @Test
  void largeArraysStayIntactWhileTheirBuffersAreRecycled() {
    // pooled frames are reused from one round to the next: every round must come back exact,
    // sizes that are and are not powers of two, many in flight at once, both views
    Random r = new Random(2);
    for (int round = 0; round < 6; round++) {
      int n = round % 2 == 0 ? 1 << 19 : 300_007; // 4 MiB and 2.4 MB: pooled sizes
      List<double[]> sent = new ArrayList<>();
      List<AsyncResult<double[]>> back = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        double[] a = r.doubles(n).toArray();
        sent.add(a);
        back.add(lv.applyAsync(x -> x, a));
      }
      List<double[]> direct = dv.apply(x -> x, sent.get(0));
      for (int i = 0; i < sent.size(); i++) {
        assertThat(back.get(i).get()).as("round %d, array %d", round, i).isEqualTo(sent.get(i));
      }
      assertThat(direct).allSatisfy(d -> assertThat(d).isEqualTo(sent.get(0)));
    }
  }

  @Test
  void abortStopsARunningTask() {
    AsyncResult<Object> ar = rc.direct(0).applyAsync(() -> {
      Thread.sleep(60_000);
      return null;
    });
    sleep(500);
    ar.abort();
    assertThatThrownBy(() -> ar.get(Duration.ofSeconds(10))).isInstanceOf(TaskAbortedException.class);
    assertThat(rc.direct(0).apply(() -> 7)).isEqualTo(7);
  }

  @Test
  void timeoutStopsALoadBalancedTask() {
    AsyncResult<Object> ar = lv.timeout(Duration.ofMillis(300)).applyAsync(() -> {
      Thread.sleep(30_000);
      return null;
    });
    assertThatThrownBy(() -> ar.get(Duration.ofSeconds(10))).isInstanceOf(TaskTimeoutException.class);
    assertThat(lv.apply(() -> 1)).isEqualTo(1);
  }

  @Test
  void forgedMessagesAreDroppedAndTheControllerKeepsServing() {
    try (ZContext ctx = new ZContext()) {
      ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
      s.connect(cluster.connectionInfo().clientAddress());
      MessageFactory session = new MessageFactory("mallory");
      Message m = session.message(MsgType.QUEUE_REQUEST, Json.object());
      WireCodec forger = new WireCodec(Signer.of("not-the-key"));
      Sockets.send(s, forger.encode(m));
      Sockets.send(s, io.jparallel.wire.Frames.of("garbage".getBytes(), new byte[] {1, 2, 3}));
      s.setReceiveTimeOut(500);
      assertThat(s.recv()).isNull();
    }
    int next = lv.apply(x -> x + 1, 1);
    assertThat(next).isEqualTo(2);
    assertThat(rc.queueStatus()).containsOnlyKeys(0, 1);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
