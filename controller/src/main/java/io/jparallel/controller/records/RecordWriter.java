package io.jparallel.controller.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.TaskTimes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes task records off the controller's hot path: the loop {@link #offer}s
 * {@link TaskChange}s into a bounded queue and never waits; one writer thread drains it and
 * writes each batch (up to 50 ms of changes) in one transaction, folding a task's changes
 * into one row. Queries and deletes run on the same thread, after every change offered before
 * them, so a query sees what the loop knew when it asked.
 *
 * <p>When the queue is full (the disk cannot keep up with the tasks), a change is dropped,
 * never waited for: the loop goes on, the count of dropped changes is reported in
 * {@code queue_reply} and {@code tasks_reply}, and a warning is logged (at most every 10 s).
 */
public final class RecordWriter implements AutoCloseable {
  private static final Log LOG = Log.of("records");
  /** Changes waiting at most (about 10 MB): three per task, so some 30,000 tasks of backlog. */
  public static final int QUEUE_CAPACITY = 100_000;
  /** Each of stdout and stderr is kept up to this many characters per task. */
  public static final int OUTPUT_CAP = 64 * 1024;
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** While lingering the writer looks at the queue this often (a query waits at most this long for it). */
  private static final long LINGER_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final int MAX_BATCH = 20_000;
  /**
   * A record of a task not finished yet is held this long before it is written as pending or
   * running, so a short task costs one row write, not three (queries and deletes see held rows:
   * they are written first).
   */
  private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_HELD = 50_000;

  private final TaskDb db;
  private final int capacity;
  private final ArrayBlockingQueue<Object> queue;
  /** Jobs that found the queue full: each runs once the writer has taken what was queued before it. */
  private final ConcurrentLinkedQueue<Late> overflow = new ConcurrentLinkedQueue<>();
  /** Items put in the queue, and (writer thread) taken from it: orders the late jobs. */
  private final AtomicLong enqueued = new AtomicLong();
  private long dequeued;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Map<String, Output> outputs = new HashMap<>();
  /** Changes folded per task, not written yet (writer thread only), oldest first. */
  private final LinkedHashMap<String, RowUpdate> rows = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean closing;
  private long droppedLogged;
  private long lastDropLog;
  private long insertedSinceTrim;

  private RecordWriter(TaskDb db, int capacity) {
    this.db = db;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "jparallel-records");
    thread.setDaemon(true);
  }

  /** Opens the records and starts the writer; records an earlier controller left unfinished become aborted. */
  public static RecordWriter start(DbConfig config) throws SQLException {
    return start(config, QUEUE_CAPACITY);
  }

  static RecordWriter start(DbConfig config, int capacity) throws SQLException {
    TaskDb db = TaskDb.open(config);
    if (config.mode() == DbMode.SQLITE) {
      int n = db.abortUnfinished();
      if (n > 0) {
        LOG.info(n + " task records left unfinished by an earlier controller are now aborted");
      }
    }
    RecordWriter w = new RecordWriter(db, capacity);
    w.thread.start();
    return w;
  }

  public DbConfig config() {
    return db.config();
  }

  /** Queues a change; never blocks. False (and counted) when the queue is full. */
  public boolean offer(TaskChange change) {
    if (queue.offer(change)) {
      enqueued.incrementAndGet();
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Runs a query after the changes queued so far; one of the callbacks runs on the writer thread. */
  public void query(TaskFilter filter, Consumer<List<TaskRow>> ok, Consumer<String> failed) {
    job(() -> {
      try {
        ok.accept(db.query(filter));
      } catch (SQLException e) {
        failed.accept("could not read the task records: " + e.getMessage());
      }
    });
  }

  /** Deletes the finished records {@code filter} matches, after the changes queued so far; gives their ids. */
  public void delete(TaskFilter filter, Consumer<List<String>> ok, Consumer<String> failed) {
    job(() -> {
      try {
        ok.accept(db.delete(filter));
      } catch (SQLException e) {
        failed.accept("could not delete task records: " + e.getMessage());
      }
    });
  }

  /** Changes dropped because the queue was full, since the start. */
  public long dropped() {
    return dropped.get();
  }

  /** Changes waiting to be written. */
  public int queued() {
    return queue.size();
  }

  /** Rows written (inserted or updated), since the start. */
  public long written() {
    return written.get();
  }

  private void job(Runnable r) {
    if (queue.offer(r)) {
      enqueued.incrementAndGet();
    } else {
      overflow.add(new Late(r, enqueued.get()));
    }
  }

  /** A job that found the queue full, and how many items had been queued before it. */
  private record Late(Runnable job, long after) {}

  private void run() {
    List<Object> batch = new ArrayList<>();
    try {
      while (true) {
        Object first;
        try {
          first = queue.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          first = null;
          closing = true;
        }
        if (first == null) {
          runOverflow();
          if (closing && queue.isEmpty()) {
            flushAll();
            return;
          }
          flushDue();
          continue;
        }
        collect(first, batch);
        dequeued += batch.size();
        for (Object o : batch) {
          if (o instanceof TaskChange c) {
            apply(c, rows);
          } else {
            flushAll(); // a job sees every change queued before it
            ((Runnable) o).run();
          }
        }
        flushDue();
        batch.clear();
        runOverflow();
        reportDrops();
      }
    } finally {
      db.close();
      long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long rowWrites = written.get();
      if (rowWrites > 0 && cpu > 0) {
        LOG.info(String.format(java.util.Locale.ROOT, "task records: %d row writes in %.0f ms of the writer's CPU"
            + " (%.1f us each), %d changes dropped", rowWrites, cpu / 1e6, cpu / 1e3 / rowWrites, dropped.get()));
      }
    }
  }

  /** Drains the queue into {@code batch}, lingering up to 50 ms for more while more comes (unless a job waits). */
  private void collect(Object first, List<Object> batch) {
    batch.add(first);
    long deadline = System.nanoTime() + LINGER_NANOS;
    boolean job = first instanceof Runnable;
    while (batch.size() < MAX_BATCH) {
      int before = batch.size();
      queue.drainTo(batch, MAX_BATCH - batch.size());
      for (int i = before; i < batch.size() && !job; i++) {
        job = batch.get(i) instanceof Runnable;
      }
      long left = deadline - System.nanoTime();
      if (job || closing || left <= 0 || !overflow.isEmpty() && dequeued + batch.size() >= overflow.peek().after()) {
        return;
      }
      // sleep rather than wait on the queue: a waiting writer is woken by every change the
      // controller's loop queues (three per task), a context switch each on a busy machine
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, LINGER_STEP_NANOS));
      if (Thread.interrupted()) {
        closing = true;
        return;
      }
      if (queue.isEmpty()) {
        return;
      }
    }
  }

  /** Runs the late jobs whose predecessors have all been taken (and written). */
  private void runOverflow() {
    Late l;
    while ((l = overflow.peek()) != null && dequeued >= l.after()) {
      overflow.poll();
      flushAll();
      l.job().run();
    }
  }

  /** Writes every held row. */
  private void flushAll() {
    write(new ArrayList<>(rows.values()));
    rows.clear();
  }

  /** Writes the rows of finished tasks, and those held for a second (or past the cap) as they are. */
  private void flushDue() {
    long now = System.nanoTime();
    List<RowUpdate> due = new ArrayList<>();
    int keep = rows.size();
    for (java.util.Iterator<RowUpdate> it = rows.values().iterator(); it.hasNext(); ) {
      RowUpdate r = it.next();
      if (r.finished() || now - r.firstSeen > HOLD_NANOS || keep > MAX_HELD) {
        due.add(r);
        it.remove();
        keep--;
      }
    }
    write(due);
  }

  private void write(List<RowUpdate> due) {
    if (due.isEmpty()) {
      return;
    }
    try {
      db.write(due);
      written.addAndGet(due.size());
      if (db.config().mode() == DbMode.MEMORY) {
        for (RowUpdate r : due) {
          if (r.insert) {
            insertedSinceTrim++;
          }
        }
        if (insertedSinceTrim > db.config().memoryRows() / 10) {
          db.trim(db.config().memoryRows());
          insertedSinceTrim = 0;
        }
      }
    } catch (SQLException e) {
      LOG.warn("could not write " + due.size() + " task records: " + e.getMessage());
    }
  }

  private void apply(TaskChange change, Map<String, RowUpdate> rows) {
    if (change instanceof TaskChange.Submitted s) {
      RowUpdate r = new RowUpdate(s.msgId(), true);
      r.kind = s.kind();
      r.client = s.client();
      r.label = s.label();
      r.target = s.target();
      r.submitted = s.submittedUs();
      r.resubmitOf = s.resubmitOf();
      r.status = "pending";
      rows.put(s.msgId(), r);
    } else if (change instanceof TaskChange.Assigned a) {
      RowUpdate r = row(a.msgId(), rows);
      r.status = "running";
      r.engine = a.engine();
      r.dispatched = a.atUs();
    } else if (change instanceof TaskChange.Requeued q) {
      RowUpdate r = row(q.msgId(), rows);
      r.status = "pending";
      r.engine = -1;
    } else if (change instanceof TaskChange.Output o) {
      output(o);
    } else if (change instanceof TaskChange.Finished f) {
      finished(f, row(f.msgId(), rows));
    }
  }

  private static RowUpdate row(String msgId, Map<String, RowUpdate> rows) {
    return rows.computeIfAbsent(msgId, id -> new RowUpdate(id, false));
  }

  private void output(TaskChange.Output o) {
    try {
      ObjectNode c = o.stream().content();
      Output out = outputs.computeIfAbsent(o.msgId(), id -> new Output());
      (("stderr".equals(c.path("name").asText())) ? out.stderr : out.stdout).append(c.path("text").asText(""));
    } catch (BadMessageException e) {
      // unreadable output is not recorded; the client got it as it was
    }
  }

  private void finished(TaskChange.Finished f, RowUpdate r) {
    r.status = switch (f.status()) {
      case "ok" -> "done";
      case "aborted" -> "aborted";
      default -> "failed";
    };
    if (f.engine() >= 0) {
      r.engine = f.engine();
    }
    r.received = f.receivedUs();
    r.resultSize = f.resultSize();
    ObjectNode meta = f.metadata();
    if (meta != null) {
      r.started = TaskTimes.read(meta, TaskTimes.STARTED, "started");
      r.completed = TaskTimes.read(meta, TaskTimes.COMPLETED, "completed");
      JsonNode stamps = meta.path("stamps");
      if (stamps.isObject() && !stamps.isEmpty()) {
        ObjectNode extra = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = stamps.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          long us = e.getValue().isNumber() ? e.getValue().asLong() : Micros.parse(e.getValue().asText());
          if (us > 0) {
            extra.put(e.getKey(), us);
          }
        }
        r.stamps = extra.isEmpty() ? null : extra.toString();
      }
    }
    Output out = outputs.remove(f.msgId());
    r.stdout = out == null ? "" : out.stdout.text();
    r.stderr = out == null ? "" : out.stderr.text();
    if (f.failure() != null) {
      try {
        ObjectNode c = f.failure().content();
        r.ename = c.path("ename").asText("Error");
        r.evalue = c.path("evalue").asText("");
        StringBuilder tb = new StringBuilder();
        for (JsonNode line : c.path("traceback")) {
          if (tb.length() > 0) {
            tb.append('\n');
          }
          tb.append(line.asText());
        }
        r.traceback = tb.toString();
      } catch (BadMessageException e) {
        r.ename = "Error";
        r.evalue = "the failure's content was unreadable";
      }
    }
  }

  private void reportDrops() {
    long d = dropped.get();
    long now = System.nanoTime();
    if (d > droppedLogged && now - lastDropLog > TimeUnit.SECONDS.toNanos(10)) {
      LOG.warn((d - droppedLogged) + " task record changes dropped: the record writer fell behind (queue of "
          + capacity + " full); those tasks' records are incomplete");
      droppedLogged = d;
      lastDropLog = now;
    }
  }

  /** Writes what is queued, then closes the database. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the record writer did not finish within 10 s; " + queue.size() + " changes not written");
      thread.interrupt();
    }
  }

  /** What a running task printed, capped. */
  private static final class Output {
    final Capped stdout = new Capped();
    final Capped stderr = new Capped();
  }

  /** Text up to {@link #OUTPUT_CAP} characters, then a note of what was cut. */
  private static final class Capped {
    private final StringBuilder sb = new StringBuilder();
    private long cut;

    void append(String s) {
      int room = OUTPUT_CAP - sb.length();
      if (s.length() <= room) {
        sb.append(s);
      } else {
        sb.append(s, 0, Math.max(0, room));
        cut += s.length() - Math.max(0, room);
      }
    }

    String text() {
      return cut == 0 ? sb.toString() : sb + "\n[... " + cut + " more characters not recorded]";
    }
  }
}
