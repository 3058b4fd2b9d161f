package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
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
  private volatile ClassLoader classLoader;
  private final java.util.List<java.util.function.Consumer<EngineEvent>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private Client(ConnectionInfo info) {
    this.info = info;
    this.io = new ClientIo(info, new MessageFactory(System.getProperty("user.name", "user")), this::onNotification);
    this.submitter = new TaskSubmitter(io);
    try {
      Message reply = io.request(io.session().message(MsgType.CONNECT_REQUEST, Json.object()))
          .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      setIds(reply.content().path("ids"));
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

  /** Drops every result the controller keeps for later retrieval. */
  public void purgeResults() {
    await(io.request(io.session().message(MsgType.PURGE_REQUEST, Json.object().put("all", true))), "purge");
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
    try {
      return f.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new JParallelException("the controller did not answer the " + what + " request within "
          + CONNECT_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JParallelException("interrupted", e);
    } catch (ExecutionException e) {
      throw new JParallelException(e.getCause().getMessage(), e.getCause());
    }
  }

  private void onNotification(Message m) {
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
      idsChanged.notifyAll();
    }
  }
}
