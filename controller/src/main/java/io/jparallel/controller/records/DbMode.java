package io.jparallel.controller.records;

import java.util.Locale;

/** Where the controller keeps task records: {@code --db sqlite|memory|none}. */
public enum DbMode {
  /** A SQLite file in the profile ({@code db/tasks-<cluster>.sqlite}), kept across restarts. */
  SQLITE,
  /** SQLite in memory: the same queries, gone when the controller stops, at most a bounded number of rows. */
  MEMORY,
  /** No records: {@code rc.tasks} and {@code jpar tasks} say so; results are still kept. */
  NONE;

  public static DbMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown --db '" + s + "': use sqlite, memory or none");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
