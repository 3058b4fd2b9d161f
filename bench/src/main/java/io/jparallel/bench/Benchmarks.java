package io.jparallel.bench;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineView;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.fn.SerializableFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * IPython parallel's documented benchmarks ("Performance"), same method as the
 * {@code bench.py} that {@code bench/compare-ipyparallel.sh} runs against IPython parallel: latency (n echoes of "", sent and round trip),
 * throughput (100 echoes of a double[] of each size), map (sleep tasks), and sequential
 * single-task latency.
 */
public final class Benchmarks {
  static final SerializableFunction<Object, Object> ECHO = x -> x;
  static final SerializableFunction<Integer, Object> SLEEP = ms -> {
    Thread.sleep(ms);
    return null;
  };

  /** Which view the tasks go through: one engine's direct view, or the load-balanced view. */
  public enum ViewKind {
    DIRECT, LOADBALANCED;

    public String label() {
      return this == DIRECT ? "direct" : "loadbalanced";
    }
  }

  private final Client client;
  private final ViewKind kind;
  private final LoadBalancedView lv;
  private final EngineView one;

  public Benchmarks(Client client, ViewKind kind) {
    this.client = client;
    this.kind = kind;
    this.lv = client.loadBalanced();
    this.one = client.direct(client.ids().get(0));
  }

  private AsyncResult<Object> echo(Object arg) {
    return kind == ViewKind.DIRECT ? one.applyAsync(ECHO, arg) : lv.applyAsync(ECHO, arg);
  }

  /**
   * Runs enough tasks for the JIT of five JVMs sharing the cores, and the class caches, to
   * settle (about 20,000 echoes, then 100 arrays of 512 KiB and 100 of 4 MiB); results are discarded.
   */
  public void warmUp() {
    for (int round = 0; round < 5; round++) {
      timed(4096, "");
    }
    // large arrays too: their path's JIT, and heaps grown to hold a round of them
    for (int size : new int[] {1 << 16, 1 << 19}) {
      double[] big = new double[size];
      List<AsyncResult<Object>> ars = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ars.add(echo(big));
      }
      ars.forEach(AsyncResult::get);
    }
  }

  private double[] timed(int n, Object arg) {
    long tic = System.nanoTime();
    List<AsyncResult<Object>> ars = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ars.add(echo(arg));
    }
    long toc = System.nanoTime();
    for (AsyncResult<Object> ar : ars) {
      ar.get();
    }
    long tac = System.nanoTime();
    return new double[] {(toc - tic) / 1e9, (tac - tic) / 1e9};
  }

  public List<BenchReport.Latency> latency(int... ns) {
    List<BenchReport.Latency> rows = new ArrayList<>();
    for (int n : ns) {
      double[] t = timed(n, "");
      rows.add(new BenchReport.Latency(n, t[0], t[1], n / t[0], n / t[1]));
    }
    return rows;
  }

  public List<BenchReport.Throughput> throughput(long[] sizes, int count) {
    List<BenchReport.Throughput> rows = new ArrayList<>();
    Random random = new Random(42);
    for (long size : sizes) {
      double[] a = new double[(int) Math.max(size / 8, 1)];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextDouble();
      }
      long tic = System.nanoTime();
      List<AsyncResult<Object>> ars = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ars.add(echo(a));
      }
      long toc = System.nanoTime();
      for (AsyncResult<Object> ar : ars) {
        ar.get();
      }
      long tac = System.nanoTime();
      double[] back = (double[]) ars.get(count - 1).get();
      if (!Arrays.equals(back, a)) {
        throw new IllegalStateException("the echoed array of " + size + " bytes differs from the one sent");
      }
      double rt = (tac - tic) / 1e9;
      double sent = (toc - tic) / 1e9;
      rows.add(new BenchReport.Throughput(size, count, sent, rt, count * size / rt / 1e6, count * size / sent / 1e6));
    }
    return rows;
  }

  public List<BenchReport.MapRow> map(int[] dtsMs, int n) {
    int engines = client.ids().size();
    List<BenchReport.MapRow> rows = new ArrayList<>();
    for (int dt : dtsMs) {
      List<Integer> ts = Collections.nCopies(n, dt);
      long tic = System.nanoTime();
      AsyncResult<List<Object>> amr = lv.chunkSize(1).mapAsync(SLEEP, ts); // one task per item, as IPython's benchmark
      long toc = System.nanoTime();
      amr.get();
      long tac = System.nanoTime();
      double ideal = n * dt / 1000.0 / engines;
      double rt = (tac - tic) / 1e9;
      rows.add(new BenchReport.MapRow(dt, n, engines, (toc - tic) / 1e9, rt, ideal, rt / ideal - 1));
    }
    return rows;
  }

  public BenchReport.Single single(int count) {
    echo("").get();
    double[] lat = new double[count];
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      echo("").get();
      lat[i] = (System.nanoTime() - t) / 1e3;
    }
    Arrays.sort(lat);
    double median = count % 2 == 1 ? lat[count / 2] : (lat[count / 2 - 1] + lat[count / 2]) / 2;
    return new BenchReport.Single(count, median, lat[(int) (0.99 * (count - 1))]);
  }
}
