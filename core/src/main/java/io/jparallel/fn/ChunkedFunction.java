package io.jparallel.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task of a chunked map ({@code lv.chunkSize(n).map(f, items)}): applies {@code f} to each
 * item of its chunk, in order, and returns their results.
 */
public final class ChunkedFunction<T, R> implements SerializableFunction<List<T>, List<R>>, Wrapper {
  private static final long serialVersionUID = 1L;
  private final SerializableFunction<T, R> fn;

  public ChunkedFunction(SerializableFunction<T, R> fn) {
    this.fn = Objects.requireNonNull(fn, "fn");
  }

  @Override
  public List<R> apply(List<T> chunk) throws Exception {
    List<R> out = new ArrayList<>(chunk.size());
    for (T item : chunk) {
      out.add(fn.apply(item));
    }
    return out;
  }

  @Override
  public Invocable wrapped() {
    return fn;
  }
}
