package io.jparallel.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.fn.SerializableFunction;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The soak: N tiny load-balanced tasks as N separate {@code applyAsync} calls (results read as
 * they come), then as one {@code mapAsync} of N items; each checks that no task was lost or
 * duplicated (the sum of the results), reports tasks/s, and records the client's and the
 * controller's heap after a GC every 100,000 tasks and once the results are read.
 */
public final class Soak {
  static final SerializableFunction<Integer, Integer> ECHO = x -> x;
  static final int SAMPLE_EVERY = 100_000;

  /** One heap sample: after {@code tasks} tasks, client and controller heap after GC (bytes). */
  public record Sample(@JsonProperty("tasks") long tasks, @JsonProperty("client_heap") long clientHeap,
      @JsonProperty("controller_heap") long controllerHeap) {}

  /** One phase's result. */
  public record Phase(@JsonProperty("kind") String kind, @JsonProperty("tasks") long tasks,
      @JsonProperty("seconds") double seconds, @JsonProperty("tasks_per_s") double tasksPerS,
      @JsonProperty("sum_ok") boolean sumOk, @JsonProperty("samples") List<Sample> samples,
      @JsonProperty("after_results_read") Sample afterRead) {}

  /** The report: both phases. */
  public record Report(@JsonProperty("system") String system, @JsonProperty("engines") int engines,
      @JsonProperty("tasks") long tasks, @JsonProperty("phases") List<Phase> phases) {}

  private final Client client;
  private final LongSupplier controllerHeap;

  /** @param controllerHeap the controller's heap after a GC, in bytes (-1 when unknown) */
  public Soak(Client client, LongSupplier controllerHeap) {
    this.client = client;
    this.controllerHeap = controllerHeap;
  }

  public Report run(int n) {
    List<Phase> phases = new ArrayList<>();
    phases.add(separate(n));
    phases.add(oneMap(n));
    return new Report("jparallel " + Version.get(), client.ids().size(), n, phases);
  }

  private Sample sample(long tasks) {
    return new Sample(tasks, clientHeapAfterGc(), controllerHeap.getAsLong());
  }

  static long clientHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** N separate calls; results are read as they come (at most 20,000 outstanding here). */
  private Phase separate(int n) {
    LoadBalancedView lv = client.loadBalanced();
    List<Sample> samples = new ArrayList<>();
    ArrayDeque<AsyncResult<Integer>> open = new ArrayDeque<>();
    long sum = 0;
    long done = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      open.add(lv.applyAsync(ECHO, i));
      while (open.size() > 20_000 || (!open.isEmpty() && open.peekFirst().ready())) {
        sum += open.pollFirst().get();
        if (++done % SAMPLE_EVERY == 0) {
          samples.add(sample(done));
          progress("applyAsync", done, n, t0);
        }
      }
    }
    while (!open.isEmpty()) {
      sum += open.pollFirst().get();
      if (++done % SAMPLE_EVERY == 0) {
        samples.add(sample(done));
        progress("applyAsync", done, n, t0);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return new Phase("applyAsync", n, s, n / s, sum == (long) n * (n - 1) / 2, samples, sample(n));
  }

  /** One map of N items; samples every 100,000 answered tasks while it runs, then after reading the results. */
  private Phase oneMap(int n) {
    List<Integer> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(i);
    }
    List<Sample> samples = new ArrayList<>();
    long base = client.tasksAnswered();
    Thread sampler = new Thread(() -> {
      long next = SAMPLE_EVERY;
      while (next <= n && !Thread.currentThread().isInterrupted()) {
        long answered = client.tasksAnswered() - base;
        if (answered >= next) {
          synchronized (samples) {
            samples.add(sample(answered));
          }
          next += SAMPLE_EVERY;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "soak-sampler");
    sampler.setDaemon(true);
    long t0 = System.nanoTime();
    sampler.start();
    AsyncResult<List<Integer>> ar = client.loadBalanced().mapAsync(ECHO, items);
    items = null;
    List<Integer> values = ar.get();
    double s = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    boolean ok = sum == (long) n * (n - 1) / 2 && values.size() == n;
    values = null;
    ar = null;
    progress("mapAsync", n, n, t0);
    synchronized (samples) {
      return new Phase("mapAsync", n, s, n / s, ok, List.copyOf(samples), sample(n));
    }
  }

  private static void progress(String what, long done, long n, long t0) {
    System.err.printf("soak %s: %,d/%,d tasks, %.0f tasks/s%n", what, done, n, done / ((System.nanoTime() - t0) / 1e9));
  }

  /** A text table of a report. */
  public static String table(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("# soak, %d engines, %,d tasks per phase%n", r.engines(), r.tasks()));
    for (Phase p : r.phases()) {
      sb.append(String.format("%-10s %,d tasks in %.1f s: %.0f tasks/s, sum %s%n", p.kind(), p.tasks(), p.seconds(),
          p.tasksPerS(), p.sumOk() ? "ok (none lost or duplicated)" : "WRONG"));
      for (Sample s : p.samples()) {
        sb.append(String.format("  after %,9d: client heap %6.1f MiB, controller heap %6.1f MiB%n", s.tasks(),
            s.clientHeap() / 1048576.0, s.controllerHeap() / 1048576.0));
      }
      Sample a = p.afterRead();
      sb.append(String.format("  results read: client heap %6.1f MiB, controller heap %6.1f MiB%n",
          a.clientHeap() / 1048576.0, a.controllerHeap() / 1048576.0));
    }
    return sb.toString();
  }
}
