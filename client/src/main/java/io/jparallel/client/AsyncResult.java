package io.jparallel.client;

import io.jparallel.wire.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The pending result of one or more tasks (one per engine for a DirectView, one per element
 * for a map). {@link #get()} waits and returns the value or throws the remote failure.
 */
public class AsyncResult<T> {
  /** Turns one task's reply into its value, or throws the failure it reports. */
  interface Decoder {
    Object decode(Message reply, PendingTask task) throws Exception;
  }

  private final Client client;
  private final List<PendingTask> tasks;
  private final Decoder decoder;
  private final Function<List<Object>, T> assemble;
  private final CompletableFuture<Void> all;
  private volatile T value;
  private volatile List<Object> taskValues;
  private volatile RuntimeException failure;
  private volatile boolean settled;

  AsyncResult(Client client, List<PendingTask> tasks, Decoder decoder, Function<List<Object>, T> assemble) {
    this.client = client;
    this.tasks = List.copyOf(tasks);
    this.decoder = decoder;
    this.assemble = assemble;
    this.all = CompletableFuture.allOf(this.tasks.stream().map(t -> t.reply).toArray(CompletableFuture[]::new));
  }

  /** The same tasks, with the assembled value transformed (e.g. a one-element list to its element). */
  <U> AsyncResult<U> then(Function<T, U> f) {
    return new AsyncResult<>(client, tasks, decoder, values -> f.apply(assemble.apply(values)));
  }

  /** Waits for every task and returns the value; throws the remote failure unchanged. */
  public T get() {
    try {
      all.get();
    } catch (InterruptedException e) {
      throw interrupted();
    } catch (ExecutionException e) {
      // settled below per task
    }
    return settle();
  }

  /** As {@link #get()}, but gives up after {@code timeout} with {@link TaskTimeoutException} (the tasks keep running). */
  public T get(Duration timeout) {
    try {
      all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      throw interrupted();
    } catch (TimeoutException e) {
      throw new TaskTimeoutException(describe() + " not done after " + timeout.toMillis() + " ms ("
          + progress() + "/" + tasks.size() + " done); it keeps running: abort() stops it");
    } catch (ExecutionException e) {
      // settled below
    }
    return settle();
  }

  /** How a wait with progress ended. */
  public enum WaitOutcome { DONE, INTERRUPTED, TIMED_OUT }

  /**
   * Waits showing a progress bar (after about a second, on {@link ProgressDisplay#current()}),
   * then returns {@link #get()}. Interrupted, it aborts the tasks and throws {@link TaskAbortedException}.
   */
  public T waitInteractive() {
    if (await(null, ProgressDisplay.current(), () -> false) == WaitOutcome.INTERRUPTED) {
      throw interrupted();
    }
    return get();
  }

  /**
   * Waits for every task, showing progress on {@code display} once the wait has lasted about
   * a second (then about every 100 ms), until they are done, {@code timeout} (null: none) has
   * passed, or the wait is cancelled ({@code cancelled} says so, or the thread is interrupted:
   * its interrupt flag stays set). Never throws a task's failure and never aborts the tasks:
   * the caller decides.
   */
  public WaitOutcome await(Duration timeout, ProgressDisplay display, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
    boolean shown = false;
    try {
      while (!ready()) {
        if (cancelled.getAsBoolean()) {
          return WaitOutcome.INTERRUPTED;
        }
        long now = System.nanoTime();
        if (now >= deadline) {
          return WaitOutcome.TIMED_OUT;
        }
        try {
          all.get(Math.min(100, Math.max(1, (deadline - now) / 1_000_000)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // not done yet, or done with a failure: ready() tells
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return WaitOutcome.INTERRUPTED;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!ready() && elapsed.toMillis() >= 1000 && !tasks.isEmpty()) {
          shown = true;
          display.update(progress(), tasks.size(), elapsed);
        }
      }
      return WaitOutcome.DONE;
    } finally {
      if (shown) {
        display.finish(progress(), tasks.size(), Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /** Waits up to {@code timeout} for every task; true when they are all done. Never throws a task's failure. */
  public boolean await(Duration timeout) {
    try {
      all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException e) {
      // not done, or done with a failure: ready() tells
    }
    return ready();
  }

  public boolean ready() {
    return all.isDone();
  }

  /** True when every task finished without error; false while some still run. */
  public boolean successful() {
    if (!ready()) {
      return false;
    }
    try {
      settle();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Each task's own value, in task order, once every task is done: null for a task that failed
   * ({@link #get()} throws its failure). What succeeded when others failed ({@code %px} shows it).
   *
   * @throws IllegalStateException while tasks are still running
   */
  public List<Object> taskValues() {
    if (!ready()) {
      throw new IllegalStateException(progress() + " of " + tasks.size() + " tasks are done");
    }
    try {
      settle();
    } catch (RuntimeException e) {
      // the failures are get()'s to throw
    }
    return taskValues;
  }

  /** How many of the tasks are done. */
  public int progress() {
    int n = 0;
    for (PendingTask t : tasks) {
      if (t.reply.isDone()) {
        n++;
      }
    }
    return n;
  }

  public int size() {
    return tasks.size();
  }

  public List<String> msgIds() {
    List<String> ids = new ArrayList<>(tasks.size());
    tasks.forEach(t -> ids.add(t.msgId));
    return ids;
  }

  /**
   * Stops the tasks, as {@code Future.cancel} does: every task not finished is aborted at once
   * ({@link #get()} throws {@link TaskAbortedException}, {@link #successful()} is false,
   * whatever its code does after its interrupt); queued ones are dropped, running ones
   * interrupted on their engines.
   */
  public void abort() {
    client.abortNow(tasks);
  }

  /** Receives what the tasks print while they run. Output printed before this call is in metadata. */
  public AsyncResult<T> onOutput(OutputListener listener) {
    tasks.forEach(t -> t.listener = listener);
    return this;
  }

  /** The metadata of a single-task result. */
  public TaskMetadata metadata() {
    if (tasks.size() != 1) {
      throw new IllegalStateException("this result has " + tasks.size() + " tasks: use metadataAll()");
    }
    return metadataAll().get(0);
  }

  /** One metadata record per task, in task order (finished tasks only have completion times). */
  public List<TaskMetadata> metadataAll() {
    List<TaskMetadata> out = new ArrayList<>(tasks.size());
    for (PendingTask t : tasks) {
      out.add(t.metadata());
    }
    return out;
  }

  /** Time from the first submission to the last reply received. */
  public Duration wallTime() {
    Instant first = null;
    Instant last = null;
    for (PendingTask t : tasks) {
      if (first == null || t.submitted.isBefore(first)) {
        first = t.submitted;
      }
      if (t.received != null && (last == null || t.received.isAfter(last))) {
        last = t.received;
      }
    }
    return first == null || last == null ? Duration.ZERO : Duration.between(first, last);
  }

  /** The sum of the tasks' run times on their engines. */
  public Duration serialTime() {
    Duration sum = Duration.ZERO;
    for (TaskMetadata m : metadataAll()) {
      if (m.started() != null && m.completed() != null) {
        sum = sum.plus(Duration.between(m.started(), m.completed()));
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return "AsyncResult[" + tasks.size() + " task" + (tasks.size() == 1 ? "" : "s") + ", "
        + (ready() ? (successful() ? "done" : "failed") : progress() + " done") + "]";
  }

  /** The waiting thread was interrupted (Ctrl-C): the tasks are aborted, the interrupt flag kept. */
  private TaskAbortedException interrupted() {
    Thread.interrupted();
    try {
      abort();
    } catch (RuntimeException ignored) {
      // best effort: the controller may be gone
    } finally {
      Thread.currentThread().interrupt();
    }
    return new TaskAbortedException("interrupted while waiting for " + describe() + "; the tasks were aborted");
  }

  private String describe() {
    return tasks.size() == 1 ? "task " + tasks.get(0).msgId : tasks.size() + " tasks";
  }

  private synchronized T settle() {
    if (settled) {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
    List<Object> values = new ArrayList<>(tasks.size());
    List<JParallelException> errors = new ArrayList<>();
    for (PendingTask t : tasks) {
      try {
        t.reply.getNow(null); // throws the task's failure, if it failed
      } catch (RuntimeException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        errors.add(c instanceof JParallelException j ? j : new JParallelException(c.getMessage(), c));
        values.add(null);
        continue;
      }
      try {
        values.add(t.value(decoder));
      } catch (JParallelException e) {
        errors.add(e);
        values.add(null);
      } catch (Exception e) {
        errors.add(new JParallelException("could not read the result of task " + t.msgId + ": " + e.getMessage(), e));
        values.add(null);
      }
    }
    settled = true;
    taskValues = Collections.unmodifiableList(values);
    if (errors.size() == 1) {
      failure = errors.get(0);
    } else if (errors.size() > 1) {
      failure = new CompositeException(errors);
    }
    if (failure != null) {
      throw failure;
    }
    value = assemble.apply(Collections.unmodifiableList(values));
    return value;
  }

}
