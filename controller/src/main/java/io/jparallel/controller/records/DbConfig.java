package io.jparallel.controller.records;

import java.nio.file.Path;

/**
 * How the controller keeps task records.
 *
 * @param mode sqlite (a file), memory, or none
 * @param file the SQLite file with {@link DbMode#SQLITE}, else null
 * @param memoryRows rows kept with {@link DbMode#MEMORY} (the oldest finished ones go first)
 */
public record DbConfig(DbMode mode, Path file, int memoryRows) {
  public DbConfig {
    if (mode == DbMode.SQLITE && file == null) {
      throw new IllegalArgumentException("--db sqlite needs a file");
    }
  }

  public static DbConfig sqlite(Path file) {
    return new DbConfig(DbMode.SQLITE, file, 0);
  }

  public static DbConfig memory() {
    return new DbConfig(DbMode.MEMORY, null, 100_000);
  }

  public static DbConfig none() {
    return new DbConfig(DbMode.NONE, null, 0);
  }

  /** The configuration {@code --db mode} means; {@code file} is used for sqlite. */
  public static DbConfig of(DbMode mode, Path file) {
    return switch (mode) {
      case SQLITE -> sqlite(file);
      case MEMORY -> memory();
      case NONE -> none();
    };
  }

  @Override
  public String toString() {
    return mode == DbMode.SQLITE ? "sqlite " + file : mode.label();
  }
}
