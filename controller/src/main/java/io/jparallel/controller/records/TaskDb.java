package io.jparallel.controller.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The task records in SQLite (a file in WAL mode, or in memory): the schema, batched writes,
 * queries and deletes. One connection, used by one thread (the {@link RecordWriter}'s); the
 * file may be read meanwhile by others ({@code sqlite3}, {@code jpar tasks}), as WAL allows.
 *
 * <p>Table {@code tasks}: one row per task, times as epoch microseconds (0 or NULL when not
 * reached), {@code stamps} a JSON object of extra named times for per-hop breakdowns.
 */
public final class TaskDb implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final String COLUMNS = "msg_id, kind, client, label, status, engine, target, submitted, dispatched,"
      + " started, completed, received, result_size, stdout, stderr, ename, evalue, traceback, resubmit_of, stamps";
  private static final String INSERT = "INSERT INTO tasks(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
      + " ON CONFLICT(msg_id) DO UPDATE SET kind=excluded.kind, client=excluded.client, label=excluded.label,"
      + " status=excluded.status, engine=excluded.engine, target=excluded.target, submitted=excluded.submitted,"
      + " dispatched=excluded.dispatched, started=excluded.started, completed=excluded.completed,"
      + " received=excluded.received, result_size=excluded.result_size, stdout=excluded.stdout, stderr=excluded.stderr,"
      + " ename=excluded.ename, evalue=excluded.evalue, traceback=excluded.traceback, resubmit_of=excluded.resubmit_of,"
      + " stamps=excluded.stamps";
  private static final String UPDATE = "UPDATE tasks SET status=coalesce(?,status),"
      + " engine=CASE WHEN ? IS NULL THEN engine ELSE nullif(?,-1) END, dispatched=coalesce(?,dispatched),"
      + " started=coalesce(?,started), completed=coalesce(?,completed), received=coalesce(?,received),"
      + " result_size=coalesce(?,result_size), stdout=coalesce(?,stdout), stderr=coalesce(?,stderr),"
      + " ename=coalesce(?,ename), evalue=coalesce(?,evalue), traceback=coalesce(?,traceback),"
      + " stamps=coalesce(?,stamps) WHERE msg_id=?";
  private static final String UNFINISHED = "status IN ('pending','running')";

  private final Connection db;
  private final DbConfig config;
  private final PreparedStatement insert;
  private final PreparedStatement update;

  private TaskDb(Connection db, DbConfig config) throws SQLException {
    this.db = db;
    this.config = config;
    this.insert = db.prepareStatement(INSERT);
    this.update = db.prepareStatement(UPDATE);
  }

  /** Opens (creating when needed) the records of {@code config} (not {@link DbMode#NONE}). */
  public static TaskDb open(DbConfig config) throws SQLException {
    String url;
    if (config.mode() == DbMode.SQLITE) {
      try {
        Path dir = config.file().toAbsolutePath().getParent();
        if (dir != null) {
          Files.createDirectories(dir);
        }
      } catch (java.io.IOException e) {
        throw new SQLException("cannot create " + config.file().getParent() + ": " + e.getMessage(), e);
      }
      url = "jdbc:sqlite:" + config.file().toAbsolutePath();
    } else if (config.mode() == DbMode.MEMORY) {
      url = "jdbc:sqlite::memory:";
    } else {
      throw new IllegalArgumentException("no database with --db none");
    }
    Connection c = DriverManager.getConnection(url);
    try {
      try (Statement s = c.createStatement()) {
        if (config.mode() == DbMode.SQLITE) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL"); // WAL + NORMAL: a crash of the controller loses nothing committed
        }
        s.execute("PRAGMA busy_timeout=5000");
        int version;
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
          version = r.next() ? r.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
          throw new SQLException(url + " holds task records of a newer jparallel (schema " + version + ")");
        }
        s.execute("CREATE TABLE IF NOT EXISTS tasks (msg_id TEXT PRIMARY KEY, kind TEXT, client TEXT, label TEXT,"
            + " status TEXT NOT NULL, engine INTEGER, target INTEGER, submitted INTEGER, dispatched INTEGER,"
            + " started INTEGER, completed INTEGER, received INTEGER, result_size INTEGER, stdout TEXT, stderr TEXT,"
            + " ename TEXT, evalue TEXT, traceback TEXT, resubmit_of TEXT, stamps TEXT)");
        s.execute("CREATE INDEX IF NOT EXISTS tasks_submitted ON tasks(submitted)");
        s.execute("CREATE INDEX IF NOT EXISTS tasks_label ON tasks(label) WHERE label IS NOT NULL");
        s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
      }
      c.setAutoCommit(false);
      return new TaskDb(c, config);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public DbConfig config() {
    return config;
  }

  /**
   * Records left pending or running by an earlier controller on this file cannot finish: they
   * become aborted. Returns how many.
   */
  int abortUnfinished() throws SQLException {
    try (PreparedStatement p = db.prepareStatement("UPDATE tasks SET status='aborted', ename='ControllerStopped',"
        + " evalue='the controller stopped before this task finished' WHERE " + UNFINISHED)) {
      int n = p.executeUpdate();
      db.commit();
      return n;
    }
  }

  /** Writes one batch in one transaction. */
  void write(Collection<RowUpdate> rows) throws SQLException {
    boolean inserts = false;
    boolean updates = false;
    try {
      for (RowUpdate r : rows) {
        if (r.insert) {
          bindInsert(r);
          insert.addBatch();
          inserts = true;
        }
      }
      if (inserts) {
        insert.executeBatch();
      }
      for (RowUpdate r : rows) {
        if (!r.insert) {
          bindUpdate(r);
          update.addBatch();
          updates = true;
        }
      }
      if (updates) {
        update.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      insert.clearBatch();
      update.clearBatch();
      db.rollback();
      throw e;
    }
  }

  private void bindInsert(RowUpdate r) throws SQLException {
    PreparedStatement p = insert;
    p.setString(1, r.msgId);
    p.setString(2, r.kind);
    p.setString(3, r.client);
    p.setString(4, r.label);
    p.setString(5, r.status == null ? "pending" : r.status);
    integer(p, 6, r.engine == null || r.engine < 0 ? null : r.engine);
    integer(p, 7, r.target);
    time(p, 8, r.submitted);
    time(p, 9, r.dispatched);
    time(p, 10, r.started);
    time(p, 11, r.completed);
    time(p, 12, r.received);
    size(p, 13, r.resultSize);
    p.setString(14, r.stdout);
    p.setString(15, r.stderr);
    p.setString(16, r.ename);
    p.setString(17, r.evalue);
    p.setString(18, r.traceback);
    p.setString(19, r.resubmitOf);
    p.setString(20, r.stamps);
  }

  private void bindUpdate(RowUpdate r) throws SQLException {
    PreparedStatement p = update;
    p.setString(1, r.status);
    integer(p, 2, r.engine);
    integer(p, 3, r.engine);
    time(p, 4, r.dispatched);
    time(p, 5, r.started);
    time(p, 6, r.completed);
    time(p, 7, r.received);
    size(p, 8, r.resultSize);
    p.setString(9, r.stdout);
    p.setString(10, r.stderr);
    p.setString(11, r.ename);
    p.setString(12, r.evalue);
    p.setString(13, r.traceback);
    p.setString(14, r.stamps);
    p.setString(15, r.msgId);
  }

  /** The newest {@code f.limit()} records matching {@code f}, oldest first. */
  List<TaskRow> query(TaskFilter f) throws SQLException {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM tasks WHERE " + f.where(args)
        + " ORDER BY submitted DESC, rowid DESC LIMIT ?) ORDER BY submitted, msg_id";
    args.add(f.limit());
    List<TaskRow> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new TaskRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              r.getObject(6) == null ? null : r.getInt(6), r.getObject(7) == null ? null : r.getInt(7),
              r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12),
              r.getObject(13) == null ? -1 : r.getLong(13), r.getString(14), r.getString(15), r.getString(16),
              r.getString(17), r.getString(18), r.getString(19), r.getString(20)));
        }
      }
    }
    db.commit();
    return out;
  }

  /** Deletes the finished records matching {@code f} (pending and running ones stay); returns their ids. */
  List<String> delete(TaskFilter f) throws SQLException {
    List<Object> args = new ArrayList<>();
    String where = f.where(args) + " AND NOT " + UNFINISHED;
    List<String> ids = new ArrayList<>();
    try {
      try (PreparedStatement p = db.prepareStatement("SELECT msg_id FROM tasks WHERE " + where)) {
        bind(p, args);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
      }
      try (PreparedStatement p = db.prepareStatement("DELETE FROM tasks WHERE " + where)) {
        bind(p, args);
        p.executeUpdate();
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    }
    return ids;
  }

  /** Keeps at most {@code max} records, deleting the oldest finished ones (in-memory records). */
  void trim(int max) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM tasks WHERE rowid IN (SELECT rowid FROM tasks WHERE NOT "
        + UNFINISHED + " ORDER BY submitted LIMIT max(0, (SELECT count(*) FROM tasks) - ?))")) {
      p.setInt(1, max);
      p.executeUpdate();
      db.commit();
    }
  }

  long count() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM tasks")) {
      long n = r.next() ? r.getLong(1) : 0;
      db.commit();
      return n;
    }
  }

  @Override
  public void close() {
    try {
      insert.close();
      update.close();
      db.commit();
      db.close();
    } catch (SQLException e) {
      // closing: nothing left to save
    }
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      p.setObject(i + 1, args.get(i));
    }
  }

  private static void integer(PreparedStatement p, int i, Integer v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setInt(i, v);
    }
  }

  private static void time(PreparedStatement p, int i, long micros) throws SQLException {
    if (micros <= 0) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setLong(i, micros);
    }
  }

  private static void size(PreparedStatement p, int i, long bytes) throws SQLException {
    if (bytes < 0) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setLong(i, bytes);
    }
  }
}
