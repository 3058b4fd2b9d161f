package io.jparallel.client;

import io.jparallel.fn.Invocable;
import io.jparallel.fn.SerializableBiFunction;
import io.jparallel.fn.SerializableCallable;
import io.jparallel.fn.SerializableFunction;
import io.jparallel.fn.SerializableRunnable;
import io.jparallel.fn.SerializableTriFunction;
import io.jparallel.jshell.VariableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Work sent to named engines: every call runs once on each target, in target order, and
 * returns one result per target. Each engine runs what it is sent in order. Blocking by
 * default; every method has an {@code ...Async} twin returning an {@link AsyncResult}.
 */
public final class DirectView {
  private final Client client;
  private final List<Integer> targets;

  DirectView(Client client, List<Integer> targets) {
    this.client = client;
    this.targets = targets;
  }

  /** The engines this view sends to (all registered engines for {@code rc.direct()}). */
  public List<Integer> targets() {
    return client.resolve(targets);
  }

  public Client client() {
    return client;
  }

  // ---- execute ---------------------------------------------------------------------------

  /** Runs JShell source on every target; the results are {@link ExecuteResults} (shown by engine). */
  public AsyncResult<List<ExecuteResult>> executeAsync(String code) {
    return executeAsync(code, false);
  }

  public AsyncResult<List<ExecuteResult>> executeAsync(String code, boolean silent) {
    return fanOut(t -> client.submitter().execute(code, silent, TaskSubmitter.Route.direct(t)),
        (reply, task) -> Replies.executeResult(reply, task, client.classLoader()),
        (List<ExecuteResult> values) -> new ExecuteResults(values));
  }

  public List<ExecuteResult> execute(String code) {
    return executeAsync(code).get();
  }

  // ---- apply -----------------------------------------------------------------------------

  public <R> AsyncResult<List<R>> applyAsync(SerializableCallable<R> fn) {
    return applyInvocable(fn);
  }

  public AsyncResult<List<Object>> applyAsync(SerializableRunnable fn) {
    return applyInvocable(fn);
  }

  public <T, R> AsyncResult<List<R>> applyAsync(SerializableFunction<T, R> fn, T a) {
    return applyInvocable(fn, a);
  }

  public <T, U, R> AsyncResult<List<R>> applyAsync(SerializableBiFunction<T, U, R> fn, T a, U b) {
    return applyInvocable(fn, a, b);
  }

  public <T, U, V, R> AsyncResult<List<R>> applyAsync(SerializableTriFunction<T, U, V, R> fn, T a, U b, V c) {
    return applyInvocable(fn, a, b, c);
  }

  public <R> List<R> apply(SerializableCallable<R> fn) {
    return applyAsync(fn).get();
  }

  public List<Object> apply(SerializableRunnable fn) {
    return applyAsync(fn).get();
  }

  public <T, R> List<R> apply(SerializableFunction<T, R> fn, T a) {
    return applyAsync(fn, a).get();
  }

  public <T, U, R> List<R> apply(SerializableBiFunction<T, U, R> fn, T a, U b) {
    return applyAsync(fn, a, b).get();
  }

  public <T, U, V, R> List<R> apply(SerializableTriFunction<T, U, V, R> fn, T a, U b, V c) {
    return applyAsync(fn, a, b, c).get();
  }

  <R> AsyncResult<List<R>> applyInvocable(Invocable fn, Object... args) {
    return fanOut(t -> client.submitter().apply(fn, args, TaskSubmitter.Route.direct(t)),
        (reply, task) -> Replies.applyValue(reply, task, client.classLoader()), null);
  }

  // ---- namespace -------------------------------------------------------------------------

  /** Sets variables in every target's JShell, typed by each value's runtime class. */
  public AsyncResult<Void> pushAsync(Map<String, ?> values) {
    return fanOut(t -> client.submitter().push(values, TaskSubmitter.Route.direct(t)),
        (reply, task) -> {
          Replies.raiseIfFailed(reply, task);
          return null;
        }, list -> null);
  }

  public void push(Map<String, ?> values) {
    pushAsync(values).get();
  }

  /** The value of a variable on every target, in target order. */
  public <V> AsyncResult<List<V>> pullAsync(String name) {
    return fanOut(t -> client.submitter().pull(List.of(name), TaskSubmitter.Route.direct(t)),
        (reply, task) -> Replies.pulled(reply, task, client.classLoader()).get(name), null);
  }

  public <V> List<V> pull(String name) {
    return this.<V>pullAsync(name).get();
  }

  /** Several variables from every target: one map per target. */
  public AsyncResult<List<Map<String, Object>>> pullAsync(List<String> names) {
    return fanOut(t -> client.submitter().pull(names, TaskSubmitter.Route.direct(t)),
        (reply, task) -> Replies.pulled(reply, task, client.classLoader()), Function.identity());
  }

  public List<Map<String, Object>> pull(List<String> names) {
    return pullAsync(names).get();
  }

  /** The variables of every target's namespace (name, type, JShell's text of the value), in target order. */
  public AsyncResult<List<List<VariableInfo>>> variablesAsync() {
    return fanOut(t -> client.submitter().list(TaskSubmitter.Route.direct(t)), Replies::variables, null);
  }

  public List<List<VariableInfo>> variables() {
    return variablesAsync().get();
  }

  /**
   * Splits a list (or an array) into contiguous blocks, one per target in order, and sets
   * each as variable {@code name} on its engine, as IPython parallel's scatter does.
   */
  public AsyncResult<Void> scatterAsync(String name, Object data) {
    List<Integer> t = targets();
    List<Object> parts = Partition.split(data, t.size());
    List<PendingTask> tasks = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      tasks.add(client.submitter().push(Map.of(name, parts.get(i)), TaskSubmitter.Route.direct(t.get(i))));
    }
    return new AsyncResult<>(client, tasks, (reply, task) -> {
      Replies.raiseIfFailed(reply, task);
      return null;
    }, list -> null);
  }

  public void scatter(String name, Object data) {
    scatterAsync(name, data).get();
  }

  /** Pulls {@code name} from every target and concatenates the parts in target order. */
  public <V> AsyncResult<V> gatherAsync(String name) {
    return fanOut(t -> client.submitter().pull(List.of(name), TaskSubmitter.Route.direct(t)),
        (reply, task) -> Replies.pulled(reply, task, client.classLoader()).get(name), Partition::concat);
  }

  public <V> V gather(String name) {
    return this.<V>gatherAsync(name).get();
  }

  /** One task per target; {@code assemble} null means: the values as {@link EngineValues}. */
  @SuppressWarnings("unchecked")
  private <E, T> AsyncResult<T> fanOut(Function<Integer, PendingTask> submit, AsyncResult.Decoder decoder,
      Function<List<E>, T> assemble) {
    List<Integer> t = targets();
    List<PendingTask> tasks = new ArrayList<>(t.size());
    for (int target : t) {
      tasks.add(submit.apply(target));
    }
    Function<List<E>, T> build = assemble != null ? assemble : values -> (T) new EngineValues<>(t, values);
    return new AsyncResult<>(client, tasks, decoder, values -> build.apply((List<E>) values));
  }

  /** {@code DirectView[all: engines [0, 1]]}, {@code DirectView[0, 2]}, or that its client is closed and why. */
  @Override
  public String toString() {
    String closed = client.closedReason();
    if (closed != null) {
      return "DirectView[" + closed + "]";
    }
    return "DirectView" + (targets == null ? "[all: engines " + client.ids() + "]" : targets.toString());
  }
}
