package io.jparallel.client;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One value per engine, in target order: what {@code DirectView.apply} and {@code pull}
 * return. A plain unmodifiable {@link List} that also knows which engine each value came
 * from, so front ends can show it as a table by engine.
 */
public final class EngineValues<V> extends AbstractList<V> implements RandomAccess {
  private final List<Integer> engineIds;
  private final List<V> values;

  EngineValues(List<Integer> engineIds, List<V> values) {
    if (engineIds.size() != values.size()) {
      throw new IllegalArgumentException(engineIds.size() + " engines but " + values.size() + " values");
    }
    this.engineIds = List.copyOf(engineIds);
    this.values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  @Override
  public V get(int index) {
    return values.get(index);
  }

  @Override
  public int size() {
    return values.size();
  }

  /** The engine each value came from, in the same order. */
  public List<Integer> engineIds() {
    return engineIds;
  }

  /** Engine id to value. */
  public Map<Integer, V> byEngine() {
    Map<Integer, V> m = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      m.put(engineIds.get(i), values.get(i));
    }
    return m;
  }
}
