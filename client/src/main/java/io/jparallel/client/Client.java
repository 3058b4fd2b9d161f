package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import io.jparallel.wire.Liveness;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Profiles;
import io.jparallel.wire.MessageFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to a controller: the engines it knows, and views that send them work.
 *
 * <pre>{@code
 * Client rc = Client.connect();               // newest client-*.json of the default profile
 * DirectView dv = rc.direct();                // every engine
 * LoadBalancedView lv = rc.loadBalanced();
 * }</pre>
 */
public final class Client implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final ConnectionInfo info;
  private final ClientIo io;
  private final TaskSubmitter submitter;
  private final Object idsChanged = new Object();
  private volatile List<Integer> ids = List.of();
  private volatile boolean hadEngines;
  private volatile ClassLoader classLoader;
  private final java.util.Set<String> jarsSent = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.List<java.util.function.Consumer<EngineEvent>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<MonitorSubscription> monitors = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Client(ConnectionInfo info) {
    this.info = info;
    this.io = new ClientIo(info, new MessageFactory(System.getProperty("user.name", "user")), this::onNotification);
    this.submitter = new TaskSubmitter(io);
    try {
      Message reply = io.request(io.session().message(MsgType.CONNECT_REQUEST, Json.object()))
          .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      setIds(reply.content().path("ids"));
      JsonNode c = reply.content();
      io.startHeart(Json.intIn(c, "heart_port", -1, -1, 65535), new Liveness(
          Json.longIn(c, "heartbeat_ms", Liveness.DEFAULT_PERIOD_MS, 10, 60_000),
          Json.longIn(c, "heartbeat_timeout_ms", Liveness.DEFAULT_TIMEOUT_MS, 20, 3_600_000)));
    } catch (TimeoutException e) {
      io.close();
      throw new JParallelException("the controller at " + info.clientAddress() + " did not answer within "
          + CONNECT_TIMEOUT.toSeconds() + " s: is the cluster running ('jpar cluster status')? Is the key right?");
    } catch (InterruptedException e) {
      io.close();
      Thread.currentThread().interrupt();
      throw new JParallelException("interrupted while connecting", e);
    } catch (ExecutionException e) {
      io.close();
      throw new JParallelException("could not connect: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Connects with the newest client connection file of the default profile. */
  public static Client connect() {
    return connectProfile(Profiles.DEFAULT);
  }

  /** Connects with the newest client connection file of a profile. */
  public static Client connectProfile(String profile) {
    Path file;
    try {
      file = Profiles.newest(profile, "client").orElseThrow(() -> new JParallelException(
          "no client connection file in " + Profiles.security(profile)
              + ": start a cluster with 'jpar cluster start' or connect with a file"));
    } catch (IOException e) {
      throw new JParallelException("cannot read " + Profiles.security(profile) + ": " + e.getMessage(), e);
    }
    return connect(file);
  }

  /** Connects with a client connection file. */
  public static Client connect(Path file) {
    try {
      return new Client(ConnectionInfo.read(file));
    } catch (IOException e) {
      throw new JParallelException(e.getMessage(), e);
    }
  }

  public static Client connect(ConnectionInfo info) {
    return new Client(info);
  }

  /** The ids of the registered engines, ascending. */
  public List<Integer> ids() {
    return ids;
  }

  public ConnectionInfo connectionInfo() {
    return info;
  }

  /** Waits until at least {@code n} engines are registered. */
  public Client waitForEngines(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      synchronized (idsChanged) {
        if (ids.size() >= n) {
          return this;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new JParallelException(ids.size() + " of " + n + (n == 1 ? " engine" : " engines") + " registered after " + timeout.toSeconds() + " s");
        }
        try {
          idsChanged.wait(Math.max(1, Math.min(1000, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JParallelException("interrupted while waiting for engines", e);
        }
        if (ids.size() >= n) {
          return this;
        }
      }
      refreshIds(deadline);
    }
  }

  /**
   * Asks the controller for its engines: a registration notice sent while this client's
   * connection was being re-established (JeroMQ retries stalled handshakes) is lost.
   */
  private void refreshIds(long deadline) {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    try {
      Message reply = io.request(io.session().message(MsgType.CONNECT_REQUEST, Json.object()))
          .get(Math.min(CONNECT_TIMEOUT.toMillis(), left), TimeUnit.MILLISECONDS);
      setIds(reply.content().path("ids"));
    } catch (TimeoutException | ExecutionException e) {
      // the controller is slow or gone: the wait goes on until its deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JParallelException("interrupted while waiting for engines", e);
    }
  }


  /** A view on every engine (the engines registered when a call is made). */
  public DirectView direct() {
    return new DirectView(this, null);
  }

  /** A view on one engine: its methods return the value itself, not a list. */
  public EngineView direct(int id) {
    return new EngineView(new DirectView(this, List.of(id)));
  }

  /** A view on some engines, in the given order. */
  public DirectView direct(int first, int... more) {
    List<Integer> t = new ArrayList<>(1 + more.length);
    t.add(first);
    for (int m : more) {
      t.add(m);
    }
    return new DirectView(this, t);
  }

  public DirectView direct(List<Integer> targets) {
    return new DirectView(this, List.copyOf(targets));
  }

  public LoadBalancedView loadBalanced() {
    return new LoadBalancedView(this, LoadBalancedView.Options.DEFAULT);
  }

  /** The class loader results are deserialized with (a JShell session sets its own). */
  public Client classLoader(ClassLoader loader) {
    this.classLoader = loader;
    return this;
  }

  ClassLoader classLoader() {
    ClassLoader l = classLoader;
    if (l == null) {
      l = Thread.currentThread().getContextClassLoader();
    }
    return l == null ? Client.class.getClassLoader() : l;
  }

  /** Tasks queued or running per engine, as the controller sees them. */
  public Map<Integer, EngineStatus> queueStatus() {
    Message reply = await(io.request(io.session().message(MsgType.QUEUE_REQUEST, Json.object())), "queue status");
    Map<Integer, EngineStatus> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = reply.content().path("engines").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.put(Integer.parseInt(e.getKey()), new EngineStatus(Integer.parseInt(e.getKey()), v.path("queue").asInt(),
          v.path("completed").asLong(), v.path("pid").asLong(), v.path("hostname").asText(), v.path("host").asText(), v.path("launcher").asText(),
          v.path("job_id").asText()));
    }
    return out;
  }

  /**
   * Adds libraries to every engine, present and future (those registering later get them
   * before their first task): each jar, or class folder (packed into a jar), travels once per
   * engine by content hash and is cached on the engine's host; engines add them, in this
   * order, to their JShell and to the loader of shipped lambdas. What this JVM's own code
   * sees is not changed (the session's {@code %maven} and {@code %classpath} do that too).
   *
   * @throws JParallelException with one line, before anything is sent, for a missing path, a
   *     file that is not a jar, or a jar that conflicts with jparallel's own classes
   */
  public void addJars(List<Path> jars) {
    List<LibraryJar> read = new ArrayList<>();
    for (Path p : jars) {
      read.add(LibraryJar.read(p));
    }
    ClassLoader api = Client.class.getClassLoader();
    read.forEach(j -> j.checkNoConflictWith(api));
    for (LibraryJar j : read) {
      if (jarsSent.contains(j.hash())) {
        continue;
      }
      var c = Json.object().put("name", j.name()).put("hash", j.hash()).put("s", 0);
      Message reply = await(io.request(io.session().message(MsgType.JAR_PUSH, Json.object(), c, List.of(j.bytes()),
          List.of())), "jar_push (" + j.name() + ")");
      if (!"ok".equals(reply.content().path("status").asText())) {
        throw new JParallelException("the controller did not take " + j.name() + ": "
            + reply.content().path("evalue").asText("no reason given"));
      }
      jarsSent.add(j.hash());
    }
  }

  /** Drops every finished task's result and record the controller keeps. */
  public void purgeResults() {
    purge(Json.object().put("all", true));
  }

  /** Drops these finished tasks' results and records; returns how many tasks lost either. */
  public int purge(List<String> msgIds) {
    ObjectNode c = Json.object();
    ArrayNode a = c.putArray("msg_ids");
    msgIds.forEach(a::add);
    return purge(c);
  }

  /** Drops the results and records of the finished tasks {@code query} matches (its limit does not apply). */
  public int purge(TaskQuery query) {
    ObjectNode c = Json.object();
    c.set("query", query.toJson());
    return purge(c);
  }

  private int purge(ObjectNode request) {
    Message reply = await(io.request(io.session().message(MsgType.PURGE_REQUEST, request)), "purge");
    raiseIfError(reply);
    return reply.content().path("purged").asInt();
  }

  // ---- task records and results --------------------------------------------------------

  /**
   * The result of any task the controller knows, from any client, also one sent by a client
   * that is gone: an {@code AsyncResult} that is ready at once when the controller still holds
   * the reply, or when the task finishes if it runs. Its value is what the task's own result
   * would give (an apply's value, an {@link ExecuteResult}, a pull's {@code Map}).
   * {@code get()} fails when the controller holds no result for the id (unknown, purged,
   * evicted past {@code --result-limit}, or from before a controller restart).
   */
  public AsyncResult<Object> result(String msgId) {
    return results(List.of(msgId)).then(values -> values.get(0));
  }

  /** As {@link #result(String)}, for several tasks: the values in the order of the ids. */
  public AsyncResult<List<Object>> results(List<String> msgIds) {
    List<PendingTask> all = new ArrayList<>(msgIds.size());
    List<String> ask = new ArrayList<>();
    for (String id : msgIds) {
      PendingTask own = io.pending(id);
      if (own != null) {
        all.add(own); // this client waits for it already
      } else {
        all.add(io.track(new PendingTask(id, "task", -1, List.of())));
        ask.add(id);
      }
    }
    if (!ask.isEmpty()) {
      ObjectNode c = Json.object();
      ArrayNode a = c.putArray("msg_ids");
      ask.forEach(a::add);
      Message reply;
      try {
        reply = await(io.request(io.session().message(MsgType.RESULT_REQUEST, c)), "result");
      } catch (RuntimeException e) {
        ask.forEach(io::forget);
        throw e;
      }
      for (JsonNode id : reply.content().path("missing")) {
        fail(id.asText(), "the controller holds no result for task " + id.asText() + " (unknown, purged, evicted past"
            + " --result-limit, or from before a controller restart; rc.tasks shows what is recorded of it)");
      }
    }
    return new AsyncResult<>(this, all, (reply, task) -> Replies.anyValue(reply, task, classLoader()), values -> values);
  }

  /** The task records {@code query} matches, oldest first (the newest {@code query.limit()} of them). */
  public List<TaskInfo> tasks(TaskQuery query) {
    Message reply = await(io.request(io.session().message(MsgType.TASKS_REQUEST, query.toJson())), "tasks");
    raiseIfError(reply);
    List<TaskInfo> out = new ArrayList<>();
    reply.content().path("tasks").forEach(t -> out.add(TaskInfo.fromJson(t)));
    return out;
  }

  /**
   * Runs finished tasks again (the same code and arguments, routed as before: the same engine
   * for direct tasks, any for load-balanced ones) under new ids; this client gets the replies.
   * A task whose request the controller no longer holds fails in the result, naming why.
   */
  public AsyncResult<List<Object>> resubmit(List<String> msgIds) {
    List<PendingTask> all = new ArrayList<>(msgIds.size());
    Map<String, PendingTask> byOld = new LinkedHashMap<>();
    ObjectNode c = Json.object();
    ArrayNode list = c.putArray("tasks");
    for (String old : msgIds) {
      String fresh = io.session().newMsgId();
      PendingTask t = io.track(new PendingTask(fresh, "task", -1, List.of()));
      all.add(t);
      byOld.put(old, t);
      list.addObject().put("msg_id", old).put("new_id", fresh);
    }
    Message reply;
    try {
      reply = await(io.request(io.session().message(MsgType.RESUBMIT_REQUEST, c)), "resubmit");
    } catch (RuntimeException e) {
      all.forEach(t -> io.forget(t.msgId));
      throw e;
    }
    reply.content().path("errors").fields().forEachRemaining(e -> {
      PendingTask t = byOld.get(e.getKey());
      if (t != null) {
        fail(t.msgId, "cannot resubmit task " + e.getKey() + ": " + e.getValue().asText());
      }
    });
    return new AsyncResult<>(this, all, (r, task) -> Replies.anyValue(r, task, classLoader()), values -> values);
  }

  public AsyncResult<List<Object>> resubmit(String... msgIds) {
    return resubmit(List.of(msgIds));
  }

  /**
   * Subscribes to the controller's monitor feed (what the dashboard shows): {@code listener}
   * gets an update about every 250 ms on the client's I/O thread, first the current state.
   */
  public MonitorSubscription monitor(java.util.function.Consumer<MonitorUpdate> listener) {
    MonitorSubscription s = new MonitorSubscription(io, listener);
    monitors.add(s);
    try {
      s.start(CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      monitors.remove(s);
      s.close();
      throw e;
    }
    return s;
  }

  private void fail(String msgId, String why) {
    PendingTask t = io.pending(msgId);
    io.forget(msgId);
    if (t != null) {
      t.reply.completeExceptionally(new JParallelException(why));
    }
  }

  private static void raiseIfError(Message reply) {
    if ("error".equals(reply.content().path("status").asText())) {
      throw new JParallelException(reply.content().path("evalue").asText("the controller refused the request"));
    }
  }

  /** Task replies this client has received so far (for monitoring, e.g. a soak benchmark). */
  public long tasksAnswered() {
    return io.answered();
  }

  /** Tasks this client is still waiting for. */
  public int inFlight() {
    return io.inFlight();
  }

  void abort(List<String> msgIds) {
    var c = Json.object();
    var a = c.putArray("msg_ids");
    msgIds.forEach(a::add);
    await(io.request(io.session().message(MsgType.ABORT_REQUEST, c)), "abort");
  }

  /** Tells the controller that the engine process with this pid exited (launchers do this). */
  public void reportEngineExit(long pid, int exitCode) {
    io.send(io.session().message(MsgType.ENGINE_EXITED, Json.object().put("pid", pid).put("exit_code", exitCode)));
  }

  /** Asks the controller to stop every engine (and itself, with {@code controllerToo}). */
  public void shutdown(boolean controllerToo) {
    await(io.request(io.session().message(MsgType.SHUTDOWN_REQUEST, Json.object().put("controller", controllerToo))),
        "shutdown");
  }

  /** Whether any engine was ever registered (a load-balanced task then waits for one to come back). */
  boolean hadEngines() {
    return hadEngines;
  }

  /** Stops tasks locally at once ({@code Future.cancel}: they are aborted, whatever their engines do), then on the controller. */
  void abortNow(List<PendingTask> tasks) {
    List<String> ids = new ArrayList<>();
    for (PendingTask t : tasks) {
      if (t.reply.completeExceptionally(new TaskAbortedException("[" + t.target + ":" + t.kind + "] task " + t.msgId
          + " was aborted"))) {
        ids.add(t.msgId);
        io.forget(t.msgId);
        t.releaseRequest();
      }
    }
    if (!ids.isEmpty()) {
      abort(ids);
    }
  }

  /**
   * Whether the controller adds its own timestamps to this client's task replies (it signs each
   * such reply anew): {@link TaskMetadata#hops()} then has every hop. Off by default; {@code
   * %bench hops} turns it on while it runs.
   */
  public Client hopTimes(boolean on) {
    submitter.askHops(on);
    return this;
  }

  TaskSubmitter submitter() {
    return submitter;
  }

  List<Integer> resolve(List<Integer> targets) {
    List<Integer> t = targets == null ? ids : targets;
    if (t.isEmpty()) {
      throw new JParallelException("no engines are registered");
    }
    return t;
  }

  @Override
  public void close() {
    io.close();
  }

  /** Closes the client; later calls fail with {@code reason} (e.g. "the cluster is stopped"). */
  public void close(String reason) {
    io.close(reason);
  }

  /** Why this client no longer works (closed, its controller gone), or null while it does. */
  String closedReason() {
    return io.closedReason();
  }

  /** {@code Client[tcp://127.0.0.1:5555, engines [0, 1]]}, or that it is closed and why. */
  @Override
  public String toString() {
    String closed = closedReason();
    return "Client[" + (closed != null ? closed : connectionInfo().clientAddress() + ", engines " + ids()) + "]";
  }

  private static Message await(java.util.concurrent.CompletableFuture<Message> f, String what) {
    return await(f, what, CONNECT_TIMEOUT);
  }

  static Message await(java.util.concurrent.CompletableFuture<Message> f, String what, Duration timeout) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new JParallelException("the controller did not answer the " + what + " request within "
          + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JParallelException("interrupted", e);
    } catch (ExecutionException e) {
      throw new JParallelException(e.getCause().getMessage(), e.getCause());
    }
  }

  private void onNotification(Message m) {
    if (MsgType.MONITOR_EVENT.equals(m.type())) {
      monitors.removeIf(s -> s.closed());
      monitors.forEach(s -> s.deliver(m));
      return;
    }
    setIds(m.content().path("ids"));
    EngineEvent e = new EngineEvent(m.content().path("event").asText(), m.content().path("engine_id").asInt(-1),
        m.content().path("reason").asText(""));
    for (java.util.function.Consumer<EngineEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ignored) {
        // a listener's failure must not stop the client's I/O
      }
    }
  }

  /** Called (on the client's I/O thread: keep it short) when an engine joins or leaves. */
  public Client onEngineEvent(java.util.function.Consumer<EngineEvent> listener) {
    listeners.add(listener);
    return this;
  }

  private void setIds(JsonNode array) {
    List<Integer> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asInt()));
    list.sort(null);
    synchronized (idsChanged) {
      ids = List.copyOf(list);
      hadEngines |= !list.isEmpty();
      idsChanged.notifyAll();
    }
  }
}
