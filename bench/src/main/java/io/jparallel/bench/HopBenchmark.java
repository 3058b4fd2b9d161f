package io.jparallel.bench;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.EngineView;
import io.jparallel.client.HopTimes;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.TaskMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Where a task's time goes ({@code %bench hops}): echo tasks with every hop stamped
 * ({@link Client#hopTimes}), one at a time and {@code n} at once, load-balanced and on one
 * engine's direct view, plus a load-balanced map of 1 ms sleeps; the median and p99 of each
 * hop. Every echoed value is checked; a wrong or missing one fails the run.
 */
public final class HopBenchmark {
  /** The hops, in the order a task passes them. */
  public enum Hop {
    TO_CONTROLLER("client -> controller", HopTimes::toController),
    CONTROLLER("controller: queued, routed", HopTimes::controllerQueued),
    TO_ENGINE("controller -> engine", HopTimes::toEngine),
    ENGINE_QUEUED("engine: queued", HopTimes::engineQueued),
    RUN("engine: run", HopTimes::run),
    ENGINE_REPLY("engine: reply encoded", HopTimes::engineReply),
    FROM_ENGINE("engine -> controller", HopTimes::fromEngine),
    TO_CLIENT("controller -> client", HopTimes::toClient),
    ROUND_TRIP("round trip", HopTimes::roundTrip);

    final String label;
    final ToLongFunction<HopTimes> interval;

    Hop(String label, ToLongFunction<HopTimes> interval) {
      this.label = label;
      this.interval = interval;
    }

    public String label() {
      return label;
    }
  }

  private final Client client;
  private final LoadBalancedView lv;
  private final EngineView one;

  public HopBenchmark(Client client) {
    this.client = client;
    this.lv = client.loadBalanced();
    this.one = client.direct(client.ids().get(0));
  }

  /** {@code single} sequential echoes and {@code n} at once, each view; a map of 16 x 1 ms sleeps per engine. */
  public List<BenchReport.HopRow> run(int single, int n) {
    client.hopTimes(true);
    try {
      // the stamping path (the controller adds its stamps and signs the reply again) is not the
      // one the general warm-up ran: warm it before the first row is measured
      pipelined(false, 2048);
      pipelined(true, 1024);
      sequential(false, 200);
      List<BenchReport.HopRow> rows = new ArrayList<>();
      rows.addAll(rows("loadbalanced", "single", sequential(false, single)));
      rows.addAll(rows("loadbalanced", "n=" + n, pipelined(false, n)));
      int tasks = 16 * client.ids().size();
      rows.addAll(rows("loadbalanced", "map 1 ms", lv.mapAsync(Benchmarks.SLEEP, Collections.nCopies(tasks, 1))));
      rows.addAll(rows("direct", "single", sequential(true, single)));
      rows.addAll(rows("direct", "n=" + n, pipelined(true, n)));
      return rows;
    } finally {
      client.hopTimes(false);
    }
  }

  private AsyncResult<Object> echo(boolean direct, Object arg) {
    return direct ? one.applyAsync(Benchmarks.ECHO, arg) : lv.applyAsync(Benchmarks.ECHO, arg);
  }

  private List<TaskMetadata> sequential(boolean direct, int count) {
    List<TaskMetadata> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String arg = "e" + i;
      AsyncResult<Object> ar = echo(direct, arg);
      Benchmarks.check(arg, ar.get());
      out.add(ar.metadata());
    }
    return out;
  }

  private List<TaskMetadata> pipelined(boolean direct, int n) {
    List<AsyncResult<Object>> ars = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ars.add(echo(direct, "e" + i));
    }
    List<TaskMetadata> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Benchmarks.check("e" + i, ars.get(i).get());
      out.add(ars.get(i).metadata());
    }
    return out;
  }

  private static List<BenchReport.HopRow> rows(String view, String workload, AsyncResult<?> ar) {
    ar.get();
    return rows(view, workload, ar.metadataAll());
  }

  static List<BenchReport.HopRow> rows(String view, String workload, List<TaskMetadata> tasks) {
    List<BenchReport.HopRow> rows = new ArrayList<>();
    for (Hop hop : Hop.values()) {
      long[] v = new long[tasks.size()];
      int k = 0;
      for (TaskMetadata m : tasks) {
        long x = m.hops() == null ? -1 : hop.interval.applyAsLong(m.hops());
        if (x >= 0) {
          v[k++] = x;
        }
      }
      if (k == 0) {
        continue;
      }
      long[] s = Arrays.copyOf(v, k);
      Arrays.sort(s);
      double median = k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2.0;
      rows.add(new BenchReport.HopRow(view, workload, tasks.size(), hop.label, median, s[(int) (0.99 * (k - 1))]));
    }
    return rows;
  }

  /** The hops as a table: one row per hop, a "median / p99" column per view and workload (microseconds). */
  public static String table(List<BenchReport.HopRow> rows) {
    List<String> columns = new ArrayList<>();
    for (BenchReport.HopRow r : rows) {
      String c = column(r);
      if (!columns.contains(c)) {
        columns.add(c);
      }
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-27s", "hops, us (median / p99)"));
    columns.forEach(c -> sb.append(String.format(Locale.ROOT, " %19s", c)));
    sb.append('\n');
    for (Hop hop : Hop.values()) {
      sb.append(String.format(Locale.ROOT, "%-27s", hop.label));
      for (String c : columns) {
        BenchReport.HopRow r = rows.stream().filter(x -> column(x).equals(c) && x.hop().equals(hop.label)).findFirst()
            .orElse(null);
        sb.append(String.format(Locale.ROOT, " %19s", r == null ? "-" : String.format(Locale.ROOT, "%.0f / %.0f",
            r.medianUs(), r.p99Us())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String column(BenchReport.HopRow r) {
    return (r.view().equals("direct") ? "direct " : "lb ") + r.workload();
  }
}
