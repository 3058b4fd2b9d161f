package io.jparallel.bench;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineView;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.TaskMetadata;
import io.jparallel.fn.SerializableFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.WeakHashMap;

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
   * Rounds of 4096 echoes the warm-up runs at least, and for how long at least and at most: on
   * two cores the rate of a fresh cluster climbs for 20-40 s (some 300,000 tasks, a quarter on
   * each engine, before their compilers are done), from ~1,500/s to 15,000-30,000/s.
   */
  static final int WARMUP_MIN_ROUNDS = 8;
  static final long WARMUP_MIN_NANOS = 20_000_000_000L;
  static final long WARMUP_MAX_NANOS = 40_000_000_000L;
  /** Clients whose cluster was warmed up once already (in a session, each {@code %bench} warms up). */
  private static final Set<Client> WARMED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  /** The warm-up ends once the last rounds are no more than this much faster than every round before them. */
  static final double WARMUP_SETTLED = 0.05;
  static final int WARMUP_WINDOW = 5;

  /**
   * Runs enough tasks for the JIT of five JVMs sharing the cores, and the class caches, to
   * settle: one round of 4096 load-balanced echoes (the cold rate), 1024 direct echoes per
   * engine, the map's function once per engine and three maps of it (zero-millisecond sleeps, one
   * task per item, as the map benchmark's), then rounds of 4096 echoes until the rate stops
   * climbing (the best of the last {@value #WARMUP_WINDOW} rounds within 5% of the best before
   * them, after at least {@value #WARMUP_MIN_ROUNDS} rounds and, the first time for a client, 20 s;
   * at most 40 s). Large arrays are warmed apart, right before the throughput benchmark
   * ({@link #warmUpArrays()}): after 800 MB of arrays the collections of full old generations
   * slow small tasks 2-3x for some seconds, and heaps shrink back while small tasks run. Results
   * are checked, then discarded. Returns what the echo rounds measured, for the report.
   */
  public BenchReport.WarmUp warmUp() {
    long start = System.nanoTime();
    long minNanos = WARMED.add(client) ? WARMUP_MIN_NANOS : 0; // a session's second %bench: its JVMs are warm
    List<Double> rates = new ArrayList<>();
    rates.add(4096 / timed(4096, "")[1]);
    List<AsyncResult<Object>> direct = new ArrayList<>();
    for (int id : client.ids()) {
      EngineView e = client.direct(id);
      for (int i = 0; i < 1024; i++) {
        direct.add(e.applyAsync(ECHO, ""));
      }
    }
    direct.forEach(ar -> check("", ar.get()));
    // the map's function, once on every engine: the map benchmark measures scheduling, as bench.py's
    // time.sleep needs no shipping; a fresh function's first task is `firsts.jsh`'s and hops' p99
    for (int id : client.ids()) {
      client.direct(id).apply(SLEEP, 0);
    }
    // and the map benchmark's own path, as JMH runs a benchmark before measuring it: cold, the
    // client took 6-11 ms to submit the first map's 64 tasks, later ones 0.5
    for (int i = 0; i < 3; i++) {
      List<Object> zeros = lv.chunkSize(1).map(SLEEP, Collections.nCopies(16 * client.ids().size(), 0));
      if (zeros.size() != 16 * client.ids().size()) {
        throw new IllegalStateException("the warm-up map gave " + zeros.size() + " results");
      }
    }
    // the engines' and the client's compilers take more CPU than the tasks for the first
    // seconds of echoes on two cores (the rate climbs 10x meanwhile): stop once it no longer climbs
    while (System.nanoTime() - start < WARMUP_MAX_NANOS) {
      rates.add(4096 / timed(4096, "")[1]);
      if (rates.size() >= WARMUP_MIN_ROUNDS && System.nanoTime() - start >= minNanos && settled(rates)) {
        break;
      }
    }
    return new BenchReport.WarmUp(rates.size(), (System.nanoTime() - start) / 1e9, rates.get(0),
        rates.get(rates.size() - 1), rates.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  /**
   * Warms the large arrays' path right before the throughput benchmark: 100 arrays of 512 KiB
   * and 100 of 4 MiB (their path's JIT, and heaps grown to hold a round of them); results are
   * checked, then discarded.
   */
  public void warmUpArrays() {
    for (int size : new int[] {1 << 16, 1 << 19}) {
      double[] big = new double[size];
      List<AsyncResult<Object>> ars = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ars.add(echo(big));
      }
      ars.forEach(ar -> check(big, ar.get()));
    }
  }

  /** Whether the best of the last rounds is within {@link #WARMUP_SETTLED} of the best before them. */
  static boolean settled(List<Double> rates) {
    int split = rates.size() - WARMUP_WINDOW;
    if (split < 1) {
      return false;
    }
    double before = rates.subList(0, split).stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double last = rates.subList(split, rates.size()).stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return last <= before * (1 + WARMUP_SETTLED);
  }

  /** Maps {@link #warmUpMaps()} runs, of 1 ms sleeps (~0.4 s on 4 engines). */
  static final int WARMUP_MAPS = 16;

  /**
   * Warms the map's path right before the map benchmark, as the arrays' before throughput: the
   * latency rounds before it leave the JVMs' compilers recompiling for maps of real sleeps (their
   * C2 threads among the busiest during the first maps after them), and the first maps after the
   * latency rounds ran at twice the overhead of later ones. Measured (2026-12-08, `jpar bench
   * latency,map`, 9 maps per duration, 4 runs each, alternated): 1 ms maps a median 91-209%
   * without, 33-71% with; 2 ms 35-60% against 17-52%. Results are checked, then discarded.
   */
  public void warmUpMaps() {
    for (int i = 0; i < WARMUP_MAPS; i++) {
      mapOnce(1, 16 * client.ids().size()); // the benchmark's own map, its results checked
    }
  }

  /** A benchmark never counts a wrong result: an echo that differs from what was sent fails the run. */
  static void check(Object sent, Object back) {
    boolean same = sent instanceof double[] a ? back instanceof double[] b && Arrays.equals(a, b) : sent.equals(back);
    if (!same) {
      throw new IllegalStateException("an echoed value differs from the one sent: " + describe(sent) + " came back as "
          + describe(back));
    }
  }

  private static String describe(Object v) {
    return v == null ? "null" : v instanceof double[] a ? "double[" + a.length + "]" : "'" + v + "'";
  }

  /**
   * {@code n} echoes of {@code arg} at once: the seconds to submit them and to have every reply,
   * each then checked (outside the time: comparing 100 arrays of 4 MiB takes some 50 ms).
   */
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
    for (AsyncResult<Object> ar : ars) {
      check(arg, ar.get());
    }
    return new double[] {(toc - tic) / 1e9, (tac - tic) / 1e9};
  }

  /** {@link #autoLatencyRepeat}: rounds per count to send about this many echoes, at least and at most. */
  static final int LATENCY_SAMPLE_TASKS = 20_480;
  static final int MIN_LATENCY_REPEAT = 5;
  static final int MAX_LATENCY_REPEAT = 25;

  /**
   * Rounds of {@code n} echoes that make a steady median: about {@link #LATENCY_SAMPLE_TASKS}
   * echoes, 5 to 25 rounds (5 of 4096, 20 of 1024, 25 below). A round of 4096 lasts ~200 ms, and
   * neighbouring rounds in one run went from 13,000 to 32,000/s here (2026-12-08, 120 rounds
   * after the warm-up); bench.py runs one round per count, which at IPython parallel's rate
   * lasts some 13 s.
   */
  static int autoLatencyRepeat(int n) {
    return repeats((double) LATENCY_SAMPLE_TASKS / Math.max(1, n), MIN_LATENCY_REPEAT, MAX_LATENCY_REPEAT);
  }

  /** {@code wanted} samples rounded up, at least {@code min} and at most {@code max}. */
  private static int repeats(double wanted, int min, int max) {
    return (int) Math.max(min, Math.min(max, Math.ceil(wanted)));
  }

  /**
   * Rounds of {@code n} echoes for each count, {@code repeat} rounds each ({@link #autoLatencyRepeat}
   * for 0); a row is its count's median round by round-trip time, with every round's rate beside
   * it, and the CPU per echo of that round.
   */
  public List<BenchReport.Latency> latency(int[] ns, int repeat) {
    List<BenchReport.Latency> rows = new ArrayList<>();
    ClusterCpu cpu = new ClusterCpu(client);
    for (int n : ns) {
      int rounds = repeat > 0 ? repeat : autoLatencyRepeat(n);
      List<BenchReport.Latency> runs = new ArrayList<>(rounds);
      for (int i = 0; i < rounds; i++) {
        long before = cpu.nanos();
        double[] t = timed(n, "");
        long after = cpu.nanos();
        Double perTask = before < 0 || after < 0 ? null : (after - before) / 1e3 / n;
        runs.add(new BenchReport.Latency(n, t[0], t[1], n / t[0], n / t[1], perTask));
      }
      BenchReport.Latency m = median(runs, BenchReport.Latency::roundtripS);
      rows.add(m.withRounds(runs.stream().map(BenchReport.Latency::roundtripPerS).toList()));
    }
    return rows;
  }

  /**
   * Rounds of {@code count} echoes per size; a row is their median. 100 arrays of 4 MiB took
   * 0.5-1.1 s here and moved 372-836 MB/s between neighbouring runs of one build (2026-12-08:
   * where the collections of five JVMs fall), against 266-309 MB/s for IPython parallel's.
   */
  static final int THROUGHPUT_REPEAT = 3;

  public List<BenchReport.Throughput> throughput(long[] sizes, int count) {
    List<BenchReport.Throughput> rows = new ArrayList<>();
    Random random = new Random(42);
    for (long size : sizes) {
      double[] a = new double[(int) Math.max(size / 8, 1)];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextDouble();
      }
      List<BenchReport.Throughput> runs = new ArrayList<>(THROUGHPUT_REPEAT);
      for (int r = 0; r < THROUGHPUT_REPEAT; r++) {
        runs.add(echoes(a, size, count));
      }
      BenchReport.Throughput m = median(runs, BenchReport.Throughput::roundtripS);
      rows.add(m.withRounds(runs.stream().map(BenchReport.Throughput::mbPerS).toList()));
    }
    return rows;
  }

  /** One round: {@code count} echoes of {@code a} at once, every one checked. */
  private BenchReport.Throughput echoes(double[] a, long size, int count) {
    double[] t = timed(count, a);
    return new BenchReport.Throughput(size, count, t[0], t[1], count * size / t[1] / 1e6, count * size / t[0] / 1e6);
  }

  /** {@link #autoRepeat}: maps per duration to fill about this much time, at least and at most. */
  static final double MAP_SAMPLE_MS = 400;
  static final int MIN_MAP_REPEAT = 3;
  static final int MAX_MAP_REPEAT = 25;

  /**
   * Maps of one duration that make a steady median: enough for some {@link #MAP_SAMPLE_MS} of
   * ideal time, 3 to 25. A map of 64 tasks of 1 ms on 4 engines lasts ~25 ms, and one map in
   * such a row moved from 42% to 208% of overhead between neighbours here (the median of three
   * by 1.5x between runs), while a map of 128 ms tasks moves by a point; 25 maps of 1 ms add
   * half a second, long rows keep 3.
   */
  static int autoRepeat(int dtMs, int n, int engines) {
    double idealMs = (double) n * dtMs / Math.max(1, engines);
    return repeats(MAP_SAMPLE_MS / idealMs, MIN_MAP_REPEAT, MAX_MAP_REPEAT);
  }

  /**
   * Maps of {@code n} sleeps of each duration, {@code repeat} maps each ({@link #autoRepeat} for
   * 0), one after another; a row is the median of its duration's maps (by time, with every map's
   * overhead beside it).
   */
  public List<BenchReport.MapRow> map(int[] dtsMs, int n, int repeat) {
    int engines = client.ids().size();
    // every map runs before any is analysed: reading 64 tasks' metadata costs the client's
    // compilers more than the map itself, and that work would land in the next map
    List<List<MapRun>> byDt = new ArrayList<>();
    for (int dt : dtsMs) {
      int maps = repeat > 0 ? repeat : autoRepeat(dt, n, engines);
      List<MapRun> runs = new ArrayList<>(maps);
      for (int i = 0; i < maps; i++) {
        runs.add(mapOnce(dt, n));
      }
      byDt.add(runs);
    }
    List<BenchReport.MapRow> rows = new ArrayList<>();
    for (List<MapRun> runs : byDt) {
      double ideal = n * runs.get(0).dt() / 1000.0 / engines;
      List<Double> overheads = runs.stream().map(r -> r.roundtripS() / ideal - 1).toList();
      MapRun r = median(runs, MapRun::roundtripS);
      java.util.Map<Integer, Integer> perEngine = new java.util.TreeMap<>();
      for (int id : client.ids()) {
        perEngine.put(id, 0);
      }
      List<TaskMetadata> tasks = r.result().metadataAll();
      tasks.forEach(m -> perEngine.merge(m.engineId(), 1, Integer::sum));
      rows.add(new BenchReport.MapRow(r.dt(), n, engines, (r.toc() - r.tic()) / 1e9, r.roundtripS(), ideal,
          r.roundtripS() / ideal - 1, List.copyOf(perEngine.values()), lastEngine(tasks, r.called()), overheads));
    }
    return rows;
  }

  private MapRun mapOnce(int dt, int n) {
    List<Integer> ts = Collections.nCopies(n, dt);
    long tic = System.nanoTime();
    Instant called = Instant.now();
    AsyncResult<List<Object>> amr = lv.chunkSize(1).mapAsync(SLEEP, ts); // one task per item, as IPython's benchmark
    long toc = System.nanoTime();
    List<Object> done = amr.get();
    long tac = System.nanoTime();
    if (done.size() != n || done.stream().anyMatch(x -> x != null)) {
      throw new IllegalStateException("the map of " + n + " sleeps gave " + done.size() + " results, not " + n + " nulls");
    }
    return new MapRun(dt, called, tic, toc, tac, amr);
  }

  /** The run of median {@code time} (the lower middle one of an even count). */
  static <R> R median(List<R> runs, java.util.function.ToDoubleFunction<R> time) {
    List<R> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(time));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** One map's clock readings (call, submitted, all results in) and its result, analysed after the last map. */
  private record MapRun(int dt, Instant called, long tic, long toc, long tac, AsyncResult<List<Object>> result) {
    double roundtripS() {
      return (tac - tic) / 1e9;
    }
  }

  /** The critical path of a map: its engine that finished last, hop by hop ({@link BenchReport.MapPath}). */
  static BenchReport.MapPath lastEngine(List<TaskMetadata> tasks, Instant called) {
    if (tasks.isEmpty() || tasks.stream().anyMatch(m -> m.started() == null || m.completed() == null || m.received() == null)) {
      return null;
    }
    Instant lastReceived = tasks.stream().map(TaskMetadata::received).max(Comparator.naturalOrder()).get();
    TaskMetadata last = tasks.stream().max(Comparator.comparing(TaskMetadata::completed)).get();
    List<TaskMetadata> mine = tasks.stream().filter(m -> m.engineId() == last.engineId())
        .sorted(Comparator.comparing(TaskMetadata::started)).toList();
    double run = 0;
    double gaps = 0;
    double largest = 0;
    for (int i = 0; i < mine.size(); i++) {
      run += ms(mine.get(i).started(), mine.get(i).completed());
      if (i > 0) {
        double g = Math.max(0, ms(mine.get(i - 1).completed(), mine.get(i).started()));
        gaps += g;
        largest = Math.max(largest, g);
      }
    }
    return new BenchReport.MapPath(last.engineId(), mine.size(), ms(called, mine.get(0).started()), run, gaps, largest,
        ms(last.completed(), lastReceived));
  }

  private static double ms(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e6;
  }

  public BenchReport.Single single(int count) {
    check("", echo("").get());
    double[] lat = new double[count];
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      check("", echo("").get());
      lat[i] = (System.nanoTime() - t) / 1e3;
    }
    Arrays.sort(lat);
    double median = count % 2 == 1 ? lat[count / 2] : (lat[count / 2 - 1] + lat[count / 2]) / 2;
    return new BenchReport.Single(count, median, lat[(int) (0.99 * (count - 1))]);
  }
}
