package io.jparallel.client;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Heart;
import io.jparallel.wire.Liveness;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The client's socket and the thread that serves it. Callers encode and sign on their own
 * thread and send from it when the socket is free and nothing waits before them (under the
 * socket's lock, which the I/O thread holds for every use of the socket), else hand frames over
 * through a queue that the I/O thread sends in batches; it dispatches what comes back: task replies and output to {@link PendingTask}s, other replies
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
  private final ZMQ.Socket socket;
  /** Held by whoever uses the socket: the I/O thread, or a caller sending directly ({@link #send}). */
  private final java.util.concurrent.locks.ReentrantLock socketLock = new java.util.concurrent.locks.ReentrantLock();
  /** Messages taken off the socket per turn before they are dispatched (outside the lock). */
  private static final int RECEIVE_BATCH = 1024;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String closedReason = "the client is closed";
  /**
   * Tasks this client may have submitted and not yet had answered: submission waits for a
   * free slot (back-pressure), so neither the client nor the controller holds more than this.
   */
  static final int WINDOW = Integer.getInteger("jparallel.client.window", 16_384);
  private final Semaphore credit = new Semaphore(WINDOW);
  private final ConcurrentLinkedQueue<Runnable> ioCommands = new ConcurrentLinkedQueue<>();
  private final java.util.ArrayDeque<List<ByteBuffer>> unsent = new java.util.ArrayDeque<>();
  private long lastHeard = System.nanoTime();
  private long lastCheck = System.nanoTime();
  private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
  private final String address;
  /** Readies a TCP socket to the controller (its CurveZMQ keys when it listens beyond loopback). */
  private final java.util.function.UnaryOperator<ZMQ.Socket> secure;
  private final boolean inproc;
  private final Long controllerPid;
  private final byte[] identity;
  private Heart heart;
  private Liveness liveness = Liveness.defaults().forClients();

  ClientIo(ConnectionInfo info, MessageFactory session, Consumer<Message> notifications) {
    this.session = session;
    this.signer = info.signer();
    this.codecs = ThreadLocal.withInitial(() -> new WireCodec(signer.copy()));
    this.notifications = notifications;
    this.address = info.clientAddress();
    this.secure = info::secure;
    // a controller in this JVM is reached over inproc, sharing its context; others over TCP
    Optional<LocalEndpoints.Local> local = LocalEndpoints.lookup(address);
    this.inproc = local.isPresent();
    this.controllerPid = local.isEmpty() && isLoopback(address) ? info.pid() : null;
    this.context = local.map(l -> l.context().shadow()).orElseGet(() -> Sockets.context(1,
        why -> closedReason = "the client's socket stopped: " + why));
    ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
    this.identity = session.id().getBytes(StandardCharsets.UTF_8);
    socket.setIdentity(identity);
    Sockets.receivePooled(Sockets.tune(socket)); // replies are released once their values are read
    if (local.isEmpty()) {
      secure.apply(socket); // CurveZMQ when the controller listens beyond loopback
    }
    socket.connect(local.map(LocalEndpoints.Local::address).orElse(address));
    this.socket = socket;
    poller = new SocketPoller(socket);
    thread = new Thread(this::loop, "jparallel-client-io");
    thread.setDaemon(true);
    thread.start();
  }

  MessageFactory session() {
    return session;
  }

  /**
   * Encodes and signs on the calling thread, then sends it from this thread when the socket is
   * free and nothing is waiting before it (one hand-off less per task), else queues it for the
   * I/O thread.
   */
  void send(Message m) {
    if (!running) {
      throw new JParallelException(closedReason);
    }
    List<ByteBuffer> frames = codecs.get().encode(m);
    if (socketLock.tryLock()) {
      try {
        if (running && outgoing.isEmpty() && unsent.isEmpty() && Sockets.sendNow(socket, frames)) {
          // a send may take in the signal of a message that arrived meanwhile: the I/O thread is told
          try {
            if (Sockets.readable(socket) && wakePending.compareAndSet(false, true)) {
              poller.wakeup();
            }
          } catch (ZMQException e) {
            poller.wakeup(); // the context is closing: the I/O thread sees it
          }
          return;
        }
        outgoing.add(frames);
      } finally {
        socketLock.unlock();
      }
    } else {
      outgoing.add(frames);
    }
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

  /**
   * Waits for a free slot of the submission window (back-pressure: the controller answers
   * tasks as fast as engines run them), then registers the task before it is sent so no
   * reply can overtake the registration.
   */
  PendingTask track(PendingTask t) {
    if (!credit.tryAcquire()) {
      try {
        while (!credit.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          if (!running) {
            throw new JParallelException(closedReason);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskAbortedException("interrupted while waiting to submit (" + WINDOW + " tasks in flight)");
      }
    }
    t.holdsCredit(credit);
    tasks.put(t.msgId, t);
    return t;
  }

  /** The task this client waits for under {@code msgId}, or null. */
  PendingTask pending(String msgId) {
    return tasks.get(msgId);
  }

  void forget(String msgId) {
    PendingTask t = tasks.remove(msgId);
    if (t != null) {
      t.releaseCredit();
    }
  }

  /**
   * Starts beating to the controller's {@link Heart} (TCP only: a controller in this JVM
   * cannot vanish without this client knowing).
   */
  void startHeart(int port, Liveness controllerLiveness) {
    if (inproc || port <= 0) {
      return;
    }
    ioCommands.add(() -> {
      if (heart == null && running) {
        liveness = controllerLiveness.forClients();
        heart = Heart.beat(context, Heart.address(address, port), identity, new WireCodec(signer.copy()),
            liveness.periodMs(), secure);
      }
    });
    poller.wakeup();
  }

  private static boolean isLoopback(String address) {
    return address.startsWith("tcp://127.") || address.startsWith("tcp://localhost:");
  }

  long answered() {
    return answered.sum();
  }

  int inFlight() {
    return tasks.size();
  }

  /** Fails every task still waiting (the controller is gone, or the client closes). */
  void failAll(String why) {
    for (PendingTask t : tasks.values()) {
      t.reply.completeExceptionally(new JParallelException(why));
      t.releaseCredit();
    }
    tasks.clear();
    requests.values().forEach(f -> f.completeExceptionally(new JParallelException(why)));
    requests.clear();
  }

  private void loop() {
    WireCodec codec = new WireCodec(signer.copy());
    List<List<ByteBuffer>> received = new ArrayList<>();
    List<List<ByteBuffer>> queued = new ArrayList<>(); // what callers queued, taken at once
    try {
      while (running) {
        if (!Sockets.readable(socket, socketLock)) { // callers send on the socket too
          poller.await(unsent.isEmpty() ? 1000 : 20, () -> Sockets.readable(socket, socketLock));
        }
        wakePending.set(false);
        for (Runnable c; (c = ioCommands.poll()) != null; ) {
          c.run();
        }
        socketLock.lock(); // callers send on the socket too, under this lock
        try {
          List<ByteBuffer> frames;
          while (!unsent.isEmpty() && Sockets.sendNow(socket, unsent.peekFirst())) {
            unsent.pollFirst();
          }
          while ((frames = outgoing.poll()) != null) {
            queued.add(frames);
          }
          if (!queued.isEmpty()) {
            // several at once (a flood of submissions) go as batches; never waits: until the
            // controller's connection is up, messages wait in unsent
            for (WireCodec.Batched b : codec.batches(List.of(), queued)) {
              if (!unsent.isEmpty() || !Sockets.sendNow(socket, b.frames())) {
                unsent.addLast(b.frames());
              }
            }
            queued.clear();
          }
          while (received.size() < RECEIVE_BATCH && (frames = Sockets.poll(socket)) != null) {
            received.add(frames);
          }
        } finally {
          socketLock.unlock();
        }
        if (!received.isEmpty()) {
          lastHeard = System.nanoTime();
          for (List<ByteBuffer> frames : received) {
            dispatch(codec, frames); // outside the lock: callers keep sending meanwhile
          }
          received.clear();
        }
        checkController();
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
      socketLock.lock();
      try {
        running = false;
        if (heart != null) {
          heart.close();
        }
        poller.close();
        context.close();
      } finally {
        socketLock.unlock();
      }
      failAll(closedReason);
    }
  }

  /**
   * Fails waiting tasks, with one line saying why, when the controller is gone by the one
   * {@link Liveness} policy: its process exited (on this host), or nothing was heard from it,
   * heartbeats included, for the clients' timeout (5 s).
   */
  private void checkController() {
    long now = System.nanoTime();
    if (now - lastCheck > 3_000_000_000L) {
      lastHeard = now; // this process itself was paused: the silence is ours, not the controller's
    }
    lastCheck = now;
    if (tasks.isEmpty() && requests.isEmpty()) {
      lastHeard = now;
      return;
    }
    if (inproc) {
      return; // a controller in this JVM closes the context when it stops
    }
    String why = null;
    if (controllerPid != null && !ProcessHandle.of(controllerPid).map(ProcessHandle::isAlive).orElse(false)) {
      why = "its process (pid " + controllerPid + ") exited";
    } else {
      long heard = heart == null ? lastHeard : Math.max(lastHeard, heart.lastHeard());
      why = liveness.deadBecause(now, heard, 0);
    }
    if (why != null) {
      failAll("lost the controller at " + address + ": " + why + " (is the cluster still running? 'jpar cluster status')");
      lastHeard = now;
    }
  }

  private void dispatch(WireCodec codec, List<ByteBuffer> frames) {
    List<List<ByteBuffer>> messages;
    try {
      messages = codec.messages(frames); // replies come several to a batch under load
    } catch (BadMessageException e) {
      LOG.bad("bad-message", "dropped a message from the controller: " + e.getMessage());
      return;
    }
    for (List<ByteBuffer> m : messages) {
      dispatchOne(codec, m);
    }
  }

  private void dispatchOne(WireCodec codec, List<ByteBuffer> frames) {
    try {
      Envelope env = codec.verify(frames);
      String type = env.header().msgType();
      String parent = env.parentMsgId();
      if (MsgType.isTaskReply(type)) {
        PendingTask t = parent == null ? null : tasks.remove(parent);
        if (t != null) {
          answered.increment();
          t.complete(Reply.of(env)); // kept unparsed until its value is read
          t.releaseCredit();
        }
        return;
      }
      Message m = env.message();
      if (MsgType.STREAM.equals(type)) {
        PendingTask t = parent == null ? null : tasks.get(parent);
        if (t != null) {
          int engine = m.metadata().path("engine_id").asInt(m.content().path("engine_id").asInt(-1));
          t.output(engine, m.content().path("name").asText("stdout"), m.content().path("text").asText(""));
        }
      } else if (MsgType.NOTIFICATION.equals(type) || MsgType.MONITOR_EVENT.equals(type)) {
        notifications.accept(m);
      } else {
        CompletableFuture<Message> f = parent == null ? null : requests.remove(parent);
        if (f != null) {
          f.complete(m);
        }
      }
    } catch (BadMessageException e) {
      LOG.bad("bad-message", "dropped a message from the controller: " + e.getMessage());
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
