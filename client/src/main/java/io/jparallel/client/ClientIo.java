package io.jparallel.client;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.LocalEndpoints;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import io.jparallel.wire.SocketPoller;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The client's socket and the one thread that owns it. Callers encode and sign on their own
 * thread, then hand frames over through a queue; the I/O thread sends them in batches and
 * dispatches what comes back: task replies and output to {@link PendingTask}s, other replies
 * to waiting requests, notifications to a listener.
 */
final class ClientIo implements AutoCloseable {
  private static final Log LOG = Log.of("client");

  private final ZContext context;
  private final MessageFactory session;
  private final Signer signer;
  private final ThreadLocal<WireCodec> codecs;
  private final ConcurrentLinkedQueue<List<ByteBuffer>> outgoing = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final ConcurrentHashMap<String, PendingTask> tasks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Message>> requests = new ConcurrentHashMap<>();
  private final Consumer<Message> notifications;
  private final SocketPoller poller;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String closedReason = "the client is closed";
  /** With tasks in flight and nothing heard for this long, the controller is asked if it is there. */
  static final long PING_AFTER_NANOS = 5_000_000_000L;
  /** ... and taken for gone if it does not answer within this long either. */
  static final long GONE_AFTER_NANOS = 10_000_000_000L;
  private long lastHeard = System.nanoTime();
  private long pingSent;
  private final String address;

  ClientIo(ConnectionInfo info, MessageFactory session, Consumer<Message> notifications) {
    this.session = session;
    this.signer = info.signer();
    this.codecs = ThreadLocal.withInitial(() -> new WireCodec(signer.copy()));
    this.notifications = notifications;
    this.address = info.clientAddress();
    // a controller in this JVM is reached over inproc, sharing its context; others over TCP
    Optional<LocalEndpoints.Local> local = LocalEndpoints.lookup(address);
    this.context = local.map(l -> l.context().shadow()).orElseGet(() -> new ZContext(1));
    ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
    socket.setIdentity(session.id().getBytes(StandardCharsets.UTF_8));
    Sockets.receivePooled(Sockets.tune(socket)); // replies are released once their values are read
    if (local.isEmpty()) {
      info.secure(socket); // CurveZMQ when the controller listens beyond loopback
    }
    socket.connect(local.map(LocalEndpoints.Local::address).orElse(address));
    poller = new SocketPoller(socket);
    thread = new Thread(() -> loop(socket), "jparallel-client-io");
    thread.setDaemon(true);
    thread.start();
  }

  MessageFactory session() {
    return session;
  }

  /** Encodes and signs on the calling thread, then queues for the I/O thread. */
  void send(Message m) {
    if (!running) {
      throw new JParallelException(closedReason);
    }
    outgoing.add(codecs.get().encode(m));
    if (!running) {
      failAll(closedReason); // the I/O thread ended meanwhile: nothing will send or answer this
      return;
    }
    if (wakePending.compareAndSet(false, true)) {
      poller.wakeup();
    }
  }

  /** Sends a request and returns its reply's future. */
  CompletableFuture<Message> request(Message m) {
    CompletableFuture<Message> f = new CompletableFuture<>();
    requests.put(m.id(), f);
    send(m);
    return f;
  }

  /** Registers a task before it is sent so no reply can overtake the registration. */
  PendingTask track(PendingTask t) {
    tasks.put(t.msgId, t);
    return t;
  }

  void forget(String msgId) {
    tasks.remove(msgId);
  }

  int inFlight() {
    return tasks.size();
  }

  /** Fails every task still waiting (the controller is gone, or the client closes). */
  void failAll(String why) {
    for (PendingTask t : tasks.values()) {
      t.reply.completeExceptionally(new JParallelException(why));
    }
    tasks.clear();
    requests.values().forEach(f -> f.completeExceptionally(new JParallelException(why)));
    requests.clear();
  }

  private void loop(ZMQ.Socket socket) {
    WireCodec codec = new WireCodec(signer.copy());
    try {
      while (running) {
        poller.poll(1000);
        wakePending.set(false);
        List<ByteBuffer> frames;
        while ((frames = outgoing.poll()) != null) {
          Sockets.send(socket, frames);
        }
        while ((frames = Sockets.poll(socket)) != null) {
          lastHeard = System.nanoTime();
          pingSent = 0;
          dispatch(codec, frames);
        }
        checkController(socket, codec);
      }
    } catch (ZMQException e) {
      if (e.getErrorCode() == ZMQ.Error.ETERM.getCode()) {
        closedReason = "the controller at " + address + " (in this JVM) stopped";
      } else if (running) {
        LOG.warn("client I/O stopped: " + e);
      }
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("client I/O stopped: " + e);
      }
    } finally {
      running = false;
      poller.close();
      context.close();
      failAll(closedReason);
    }
  }

  /** Fails waiting tasks when the controller stops answering (crashed, or stopped elsewhere). */
  private void checkController(ZMQ.Socket socket, WireCodec codec) {
    if (tasks.isEmpty() && requests.isEmpty()) {
      lastHeard = System.nanoTime();
      return;
    }
    long silent = System.nanoTime() - lastHeard;
    if (silent > GONE_AFTER_NANOS) {
      failAll("lost the controller at " + address + ": no answer for " + silent / 1_000_000_000L
          + " s (is the cluster still running? 'jpar cluster status')");
      lastHeard = System.nanoTime();
    } else if (silent > PING_AFTER_NANOS && pingSent == 0) {
      pingSent = System.nanoTime();
      Sockets.send(socket, codec.encode(session.message(MsgType.QUEUE_REQUEST, io.jparallel.wire.Json.object())));
    }
  }

  private void dispatch(WireCodec codec, List<ByteBuffer> frames) {
    Message m;
    try {
      m = codec.decode(frames);
    } catch (BadMessageException e) {
      LOG.warn("dropped a message from the controller: " + e.getMessage());
      return;
    }
    String type = m.type();
    String parent = m.parent() == null ? null : m.parent().msgId();
    if (MsgType.STREAM.equals(type)) {
      PendingTask t = parent == null ? null : tasks.get(parent);
      if (t != null) {
        int engine = m.metadata().path("engine_id").asInt(m.content().path("engine_id").asInt(-1));
        t.output(engine, m.content().path("name").asText("stdout"), m.content().path("text").asText(""));
      }
    } else if (MsgType.isTaskReply(type)) {
      PendingTask t = parent == null ? null : tasks.remove(parent);
      if (t != null) {
        t.complete(m);
      }
    } else if (MsgType.NOTIFICATION.equals(type)) {
      notifications.accept(m);
    } else {
      CompletableFuture<Message> f = parent == null ? null : requests.remove(parent);
      if (f != null) {
        f.complete(m);
      }
    }
  }

  /** Why the client no longer works, or null while it does. */
  String closedReason() {
    return running ? null : closedReason;
  }

  /** Closes; later calls fail with {@code reason}. */
  void close(String reason) {
    closedReason = reason;
    close();
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    poller.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
