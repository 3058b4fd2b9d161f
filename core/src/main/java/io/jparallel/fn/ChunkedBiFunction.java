package io.jparallel.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task of a chunked two-list map ({@code lv.chunkSize(n).map(f, as, bs)}): applies
 * {@code f} to each pair of its chunks, in order, and returns their results.
 */
public final class ChunkedBiFunction<T, U, R> implements SerializableBiFunction<List<T>, List<U>, List<R>>, Wrapper {
  private static final long serialVersionUID = 1L;
  private final SerializableBiFunction<T, U, R> fn;

  public ChunkedBiFunction(SerializableBiFunction<T, U, R> fn) {
    this.fn = Objects.requireNonNull(fn, "fn");
  }

  @Override
  public List<R> apply(List<T> as, List<U> bs) throws Exception {
    List<R> out = new ArrayList<>(as.size());
    for (int i = 0; i < as.size(); i++) {
      out.add(fn.apply(as.get(i), bs.get(i)));
    }
    return out;
  }

  @Override
  public Invocable wrapped() {
    return fn;
  }
}
