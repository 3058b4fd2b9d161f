package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.jshell.CompilerWarmup;
import io.jparallel.wire.BufferPool;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.TaskTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntSupplier;

/**
 * The worker: runs tasks one at a time, strictly in arrival order, and hands their output
 * and replies to the I/O thread. Aborts come from the I/O thread: a queued task is removed,
 * a running one is interrupted.
 */
final class TaskRunner {
  private static final int MAX_ABORTED_IDS = 4096;
  private static final Log LOG = Log.of("engine");

  /** Held while interrupting task threads and while a task ends, so no interrupt leaks into the next task. */
  private final Object lock = new Object();
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final Set<String> abortedIds = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<String, Boolean>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_ABORTED_IDS;
        }
      }));
  private final MessageFactory session;
  private final Outbox outbox;
  private final IntSupplier engineId;
  private final ApplyRunner apply;
  private final ShellStart shell;
  private final ThreadGroup group;
  private final Thread worker;
  private volatile Task current;
  private volatile long ioTurn = System.nanoTime();
  /** When a task last arrived or ended. */
  private volatile long lastBusy = System.nanoTime();
  private volatile boolean closing;
  /** javac's warm-up, once the engine has compiled code and is idle ({@link #startShellWhenIdle}). */
  private volatile CompilerWarmup warmup;
  /** Whether a task has had JShell compile code here (what the warm-up speeds up). */
  private volatile boolean compiledCode;

  TaskRunner(String label, MessageFactory session, Outbox outbox, IntSupplier engineId, ShippedClasses classes,
      ShellStart shell) {
    this.session = session;
    this.outbox = outbox;
    this.engineId = engineId;
    this.apply = new ApplyRunner(classes);
    this.shell = shell;
    this.group = new ThreadGroup("jparallel-" + label);
    this.worker = new Thread(group, this::loop, "jparallel-worker-" + label);
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  void submit(Message request) {
    lastBusy = System.nanoTime();
    queue.add(new Task(request));
  }

  /**
   * Drops every task without answering any (the controller declared this engine dead and
   * dealt with them): queued ones are removed, the running one is aborted and its reply
   * suppressed. Returns the running task, if any, so its grace period can be watched.
   */
  Task dropAll() {
    for (Task t; (t = queue.poll()) != null; ) {
      t.claimReply();
      BufferPool.shared().releaseAll(t.request().raw());
    }
    Task running = current;
    if (running != null) {
      running.claimReply();
      abort(running.id());
    }
    return running;
  }

  /** The running task, or null. */
  Task current() {
    return current;
  }

  /**
   * I/O thread: aborts a task. A queued one is removed and answered here; a running one is
   * interrupted and returned (the caller watches the grace period); otherwise null.
   */
  Task abort(String msgId) {
    abortedIds.add(msgId);
    for (Task t : queue) {
      if (t.id().equals(msgId) && queue.remove(t)) {
        abortedIds.remove(msgId);
        t.requestAbort();
        sendAborted(t, Instant.now(), "task " + msgId + " was aborted before it started");
        return null;
      }
    }
    synchronized (lock) {
      Task t = current;
      if (t == null || !t.id().equals(msgId)) {
        return null;
      }
      t.requestAbort();
      if (MsgType.EXECUTE_REQUEST.equals(t.type())) {
        EngineShell s = shell.now();
        if (s != null) {
          try {
            s.stop();
          } catch (RuntimeException e) {
            LOG.warn("JShell stop failed: " + e);
          }
        }
        interruptTaskThreads(false);
      } else if (MsgType.APPLY_REQUEST.equals(t.type())) {
        interruptTaskThreads(true);
      }
      return t;
    }
  }

  /** Interrupts threads the task started (snippet threads live in the worker's group) and, if asked, the worker. */
  private void interruptTaskThreads(boolean includeWorker) {
    Thread[] threads = new Thread[group.activeCount() + 8];
    int n = group.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i] != worker || includeWorker) {
        threads[i].interrupt();
      }
    }
  }

  /** Answers a task as aborted, unless it was answered already. */
  void sendAborted(Task t, Instant started, String why) {
    sendAborted(t, started, why, false);
  }

  /**
   * As {@link #sendAborted(Task, Instant, String)}; {@code restarting} tells the controller the
   * engine exits to be restarted, so none of the tasks it holds behind this one had started.
   */
  void sendAborted(Task t, Instant started, String why, boolean restarting) {
    if (t.claimReply()) {
      Message m = reply(t, TaskResult.of(ErrorReport.aborted(why).toContent(engineId.getAsInt())), started,
          Instant.now());
      if (restarting) {
        m.metadata().put("restarting", true);
      }
      outbox.send(m);
    }
  }

  void close() {
    closing = true;
    worker.interrupt();
    CompilerWarmup w = warmup;
    if (w != null) {
      w.close();
    }
    EngineShell s = shell.now();
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // closing
      }
    }
  }

  private void loop() {
    while (!closing) {
      Task t;
      try {
        t = queue.take();
      } catch (InterruptedException e) {
        continue;
      }
      Thread.interrupted();
      awaitIoTurn();
      run(t);
    }
  }

  /** I/O thread: it has just read everything the controller sent (aborts included). */
  void ioTurned() {
    ioTurn = System.nanoTime();
  }

  /**
   * Before starting a task: if the I/O thread has not read its socket for a second (this
   * process was paused, e.g. by SIGSTOP, and both threads just resumed), wait until it has, so
   * an abort the controller sent meanwhile (it declared this engine dead and moved its tasks)
   * is seen before the task starts.
   */
  private void awaitIoTurn() {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (!closing && System.nanoTime() - ioTurn > 1_000_000_000L && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void run(Task t) {
    try {
      runTask(t);
    } finally {
      // the task's arguments were copied out of its frames (arrays, byte[], heap ByteBuffers)
      BufferPool.shared().releaseAll(t.request().raw());
    }
  }

  private void runTask(Task t) {
    Instant started = Instant.now();
    TaskOutput out = new TaskOutput();
    t.output(out);
    current = t;
    if (abortedIds.remove(t.id()) || t.abortRequested()) {
      t.requestAbort();
      finish(t, TaskResult.of(ErrorReport.aborted("task " + t.id() + " was aborted before it started")
          .toContent(engineId.getAsInt())), started);
      return;
    }
    TaskResult result;
    OutputCapture.begin(out);
    try {
      result = dispatch(t);
    } catch (Throwable e) {
      result = TaskResult.of(ErrorReport.of(unwrap(e)).toContent(engineId.getAsInt()));
    } finally {
      OutputCapture.end(out);
    }
    if (t.abortRequested()) { // aborted means aborted, whatever the code did after its interrupt
      result = TaskResult.of(ErrorReport.aborted("task " + t.id() + " was aborted while running")
          .toContent(engineId.getAsInt()));
    }
    abortedIds.remove(t.id());
    finish(t, result, started);
  }

  private void finish(Task t, TaskResult result, Instant started) {
    Instant completed = Instant.now();
    lastBusy = System.nanoTime();
    List<Message> messages = new ArrayList<>(4);
    for (TaskOutput.Chunk c : t.output().take(true, System.nanoTime())) {
      messages.add(stream(t, c));
    }
    synchronized (lock) { // an abort's interrupt lands before this or not at all
      current = null;
      Thread.interrupted();
    }
    if (t.claimReply()) {
      messages.add(reply(t, result, started, completed));
    }
    if (!messages.isEmpty()) {
      outbox.reply(messages, !queue.isEmpty());
    }
  }

  Message stream(Task t, TaskOutput.Chunk c) {
    ObjectNode content = Json.object().put("name", c.name()).put("text", c.text());
    return new Message(List.of(), session.header(MsgType.STREAM), t.request().header(),
        Json.object().put("engine_id", engineId.getAsInt()), content, List.of(), List.of());
  }

  private Message reply(Task t, TaskResult r, Instant started, Instant completed) {
    ObjectNode md = Json.object()
        .put("engine_id", engineId.getAsInt())
        .put("started", TaskTimes.iso(started))
        .put("completed", TaskTimes.iso(completed))
        .put("run_us", java.time.Duration.between(started, completed).toNanos() / 1000)
        .put(TaskTimes.ENGINE_IN, t.inUs)
        .put(TaskTimes.STARTED, TaskTimes.micros(started))
        .put(TaskTimes.COMPLETED, TaskTimes.micros(completed))
        .put("status", r.status());
    return new Message(List.of(), session.header(MsgType.replyTo(t.type())), t.request().header(), md,
        r.content(), r.buffers(), r.raw());
  }

  private TaskResult dispatch(Task t) throws Exception {
    Message m = t.request();
    int id = engineId.getAsInt();
    switch (t.type()) {
      case MsgType.APPLY_REQUEST:
        return apply.run(m, id);
      case MsgType.EXECUTE_REQUEST:
        compiledCode = true;
        return shell().execute(m.content().path("code").asText(""), m.content().path("silent").asBoolean(false),
            t::abortRequested, id);
      case MsgType.NS_REQUEST:
        return new NamespaceOps(shell()).run(m, id);
      default:
        throw new IllegalArgumentException("not a task: " + t.type());
    }
  }

  private EngineShell shell() throws InterruptedException {
    return shell.get();
  }

  /**
   * I/O thread, every turn: starts the JShell once nothing has been queued or run for
   * {@link ShellStart#IDLE_NANOS}, so it is ready for {@code %px} without sharing the CPU with
   * the first tasks; once it has compiled code ({@code %px}: lambdas need no javac), warms javac
   * up ({@link CompilerWarmup}) while the engine has been idle for
   * {@link CompilerWarmup#QUIET_NANOS}, so the snippets that follow compile faster.
   */
  void startShellWhenIdle(long now) {
    if (!shell.begun()) {
      if (idleFor(now, ShellStart.IDLE_NANOS)) {
        shell.begin();
      }
    } else if (compiledCode && warmup == null && idleFor(now, CompilerWarmup.QUIET_NANOS) && !closing) {
      warmup = CompilerWarmup.start(List.of(), CompilerWarmup.configured(), Duration.ZERO,
          () -> !idleFor(System.nanoTime(), CompilerWarmup.QUIET_NANOS));
    }
  }

  int warmupSnippets() {
    CompilerWarmup w = warmup;
    return w == null ? 0 : w.snippetsRun();
  }

  private boolean idleFor(long now, long nanos) {
    return current == null && queue.isEmpty() && now - lastBusy > nanos;
  }

  private static Throwable unwrap(Throwable e) {
    if (e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null) {
      return e.getCause();
    }
    return e;
  }
}
