package io.jparallel.client;

import io.jparallel.fn.Invocable;
import io.jparallel.fn.SerializableBiFunction;
import io.jparallel.fn.SerializableCallable;
import io.jparallel.fn.SerializableFunction;
import io.jparallel.fn.SerializableRunnable;
import io.jparallel.fn.SerializableTriFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Work handed to whichever engine the controller's scheduler picks. Options return a
 * configured copy: {@code lv.retries(2).timeout(Duration.ofSeconds(30)).map(...)}.
 */
public final class LoadBalancedView {
  /** Options of a view; immutable. */
  record Options(int retries, Duration timeout, List<String> after, boolean ordered, String label) {
    static final Options DEFAULT = new Options(0, null, List.of(), true, null);
  }

  private final Client client;
  private final Options options;

  LoadBalancedView(Client client, Options options) {
    this.client = client;
    this.options = options;
  }

  /** Resubmit a task up to {@code n} times elsewhere when it fails or its engine dies. */
  public LoadBalancedView retries(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("retries must be >= 0");
    }
    return new LoadBalancedView(client, new Options(n, options.timeout(), options.after(), options.ordered(), options.label()));
  }

  /** Stop each task (and fail it with {@link TaskTimeoutException}) if not done within {@code timeout}. */
  public LoadBalancedView timeout(Duration timeout) {
    return new LoadBalancedView(client, new Options(options.retries(), timeout, options.after(), options.ordered(), options.label()));
  }

  /** Start tasks only after these have finished successfully. */
  public LoadBalancedView after(AsyncResult<?>... results) {
    List<String> ids = new ArrayList<>();
    for (AsyncResult<?> r : results) {
      ids.addAll(r.msgIds());
    }
    return new LoadBalancedView(client, new Options(options.retries(), options.timeout(), List.copyOf(ids), options.ordered(), options.label()));
  }

  /** Whether {@code map} returns results in input order (default) or in completion order. */
  public LoadBalancedView ordered(boolean ordered) {
    return new LoadBalancedView(client, new Options(options.retries(), options.timeout(), options.after(), ordered, options.label()));
  }

  /**
   * Labels the tasks this view sends, for the task records: {@code rc.tasks(TaskQuery.all().label("sweep-3"))},
   * {@code jpar tasks --label sweep-3}, the dashboard's search. At most 200 characters; null for none.
   */
  public LoadBalancedView label(String label) {
    if (label != null && (label.isBlank() || label.length() > 200)) {
      throw new IllegalArgumentException("a label is 1 to 200 characters, not '" + label + "'");
    }
    return new LoadBalancedView(client, new Options(options.retries(), options.timeout(), options.after(), options.ordered(), label));
  }

  public Client client() {
    return client;
  }

  // ---- apply -----------------------------------------------------------------------------

  public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn) {
    return submit(fn);
  }

  public AsyncResult<Object> applyAsync(SerializableRunnable fn) {
    return submit(fn);
  }

  public <T, R> AsyncResult<R> applyAsync(SerializableFunction<T, R> fn, T a) {
    return submit(fn, a);
  }

  public <T, U, R> AsyncResult<R> applyAsync(SerializableBiFunction<T, U, R> fn, T a, U b) {
    return submit(fn, a, b);
  }

  public <T, U, V, R> AsyncResult<R> applyAsync(SerializableTriFunction<T, U, V, R> fn, T a, U b, V c) {
    return submit(fn, a, b, c);
  }

  public <R> R apply(SerializableCallable<R> fn) {
    return applyAsync(fn).get();
  }

  public Object apply(SerializableRunnable fn) {
    return applyAsync(fn).get();
  }

  public <T, R> R apply(SerializableFunction<T, R> fn, T a) {
    return applyAsync(fn, a).get();
  }

  public <T, U, R> R apply(SerializableBiFunction<T, U, R> fn, T a, U b) {
    return applyAsync(fn, a, b).get();
  }

  public <T, U, V, R> R apply(SerializableTriFunction<T, U, V, R> fn, T a, U b, V c) {
    return applyAsync(fn, a, b, c).get();
  }

  // ---- map -------------------------------------------------------------------------------

  /** One task per element; the result lists values in input order (or completion order, see {@link #ordered}). */
  public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> fn, List<T> items) {
    List<PendingTask> tasks = new ArrayList<>(items.size());
    TaskSubmitter.Route route = route();
    for (T item : items) {
      tasks.add(client.submitter().apply(fn, new Object[] {item}, route));
    }
    return collect(tasks);
  }

  /** Pairs elements of two lists of equal length: {@code fn(a[i], b[i])}. */
  public <T, U, R> AsyncResult<List<R>> mapAsync(SerializableBiFunction<T, U, R> fn, List<T> as, List<U> bs) {
    if (as.size() != bs.size()) {
      throw new IllegalArgumentException("map over lists of different lengths: " + as.size() + " and " + bs.size());
    }
    List<PendingTask> tasks = new ArrayList<>(as.size());
    TaskSubmitter.Route route = route();
    for (int i = 0; i < as.size(); i++) {
      tasks.add(client.submitter().apply(fn, new Object[] {as.get(i), bs.get(i)}, route));
    }
    return collect(tasks);
  }

  public <T, R> List<R> map(SerializableFunction<T, R> fn, List<T> items) {
    return mapAsync(fn, items).get();
  }

  public <T, U, R> List<R> map(SerializableBiFunction<T, U, R> fn, List<T> as, List<U> bs) {
    return mapAsync(fn, as, bs).get();
  }

  @SuppressWarnings("unchecked")
  private <R> AsyncResult<List<R>> collect(List<PendingTask> tasks) {
    boolean ordered = options.ordered();
    return new AsyncResult<>(client, tasks, (reply, task) -> Replies.applyValue(reply, task, client.classLoader()),
        values -> {
          if (ordered) {
            return (List<R>) values;
          }
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < tasks.size(); i++) {
            order.add(i);
          }
          order.sort(Comparator.comparing(i -> tasks.get(i).received));
          List<R> out = new ArrayList<>(values.size());
          order.forEach(i -> out.add((R) values.get(i)));
          return out;
        });
  }

  @SuppressWarnings("unchecked")
  private <R> AsyncResult<R> submit(Invocable fn, Object... args) {
    PendingTask t = client.submitter().apply(fn, args, route());
    return new AsyncResult<>(client, List.of(t), (reply, task) -> Replies.applyValue(reply, task, client.classLoader()),
        values -> (R) values.get(0));
  }

  private TaskSubmitter.Route route() {
    if (client.ids().isEmpty() && !client.hadEngines()) {
      throw new JParallelException("no engines are registered");
    } // engines that left may come back: the controller fails the task after --no-engines-timeout
    long timeoutMs = options.timeout() == null ? 0 : Math.max(1, options.timeout().toMillis());
    return new TaskSubmitter.Route(null, options.retries(), timeoutMs, options.after(), options.label());
  }

  @Override
  public String toString() {
    return "LoadBalancedView[retries=" + options.retries() + (options.timeout() == null ? "" : ", timeout=" + options.timeout())
        + (options.label() == null ? "" : ", label=" + options.label()) + "]";
  }
}
