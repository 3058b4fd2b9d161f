package io.jparallel.client;

import io.jparallel.fn.SerializableBiFunction;
import io.jparallel.fn.SerializableCallable;
import io.jparallel.fn.SerializableFunction;
import io.jparallel.fn.SerializableRunnable;
import io.jparallel.fn.SerializableTriFunction;
import java.util.List;
import java.util.Map;

/** A direct view on one engine ({@code rc.direct(0)}): results are the values themselves. */
public final class EngineView {
  private final DirectView view;

  EngineView(DirectView view) {
    this.view = view;
  }

  public int engineId() {
    return view.targets().get(0);
  }

  public AsyncResult<ExecuteResult> executeAsync(String code) {
    return view.executeAsync(code).then(EngineView::only);
  }

  public ExecuteResult execute(String code) {
    return executeAsync(code).get();
  }

  public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn) {
    return view.applyAsync(fn).then(EngineView::only);
  }

  public AsyncResult<Object> applyAsync(SerializableRunnable fn) {
    return view.applyAsync(fn).then(EngineView::only);
  }

  public <T, R> AsyncResult<R> applyAsync(SerializableFunction<T, R> fn, T a) {
    return view.applyAsync(fn, a).then(EngineView::only);
  }

  public <T, U, R> AsyncResult<R> applyAsync(SerializableBiFunction<T, U, R> fn, T a, U b) {
    return view.applyAsync(fn, a, b).then(EngineView::only);
  }

  public <T, U, V, R> AsyncResult<R> applyAsync(SerializableTriFunction<T, U, V, R> fn, T a, U b, V c) {
    return view.applyAsync(fn, a, b, c).then(EngineView::only);
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

  public AsyncResult<Void> pushAsync(Map<String, ?> values) {
    return view.pushAsync(values);
  }

  public void push(Map<String, ?> values) {
    view.push(values);
  }

  public <V> AsyncResult<V> pullAsync(String name) {
    return view.<V>pullAsync(name).then(EngineView::only);
  }

  public <V> V pull(String name) {
    return this.<V>pullAsync(name).get();
  }

  public Map<String, Object> pull(List<String> names) {
    return only(view.pull(names));
  }

  private static <X> X only(List<X> list) {
    return list.get(0);
  }

  @Override
  public String toString() {
    return "EngineView[" + view.targets() + "]";
  }
}
