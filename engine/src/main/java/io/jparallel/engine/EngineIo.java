package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Heart;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Liveness;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.SocketPoller;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.TaskTimes;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The I/O thread: serves the DEALER socket to the controller (the worker sends a task's reply
 * on it itself when it is free, under the socket's lock; see {@link Outbox}). Registers (and registers again
 * when the controller says it declared this engine dead), starts the {@link Heart} that
 * beats on its own socket and thread, watches the controller's liveness, routes requests to
 * the {@link TaskRunner}, answers aborts, and sends what other threads put in the
 * {@link Outbox} plus the running task's output. Every readable message is drained per
 * wake-up of its {@link SocketPoller}; a batch of tasks from the controller is read as its
 * messages, and replies go back several to a batch when the worker held them
 * ({@link Outbox#reply}).
 */
final class EngineIo implements Runnable {
  private static final Log LOG = Log.of("engine");
  private static final long IDLE_POLL_MS = 100;
  private static final long BUSY_POLL_MS = 20;
  private static final long REGISTRATION_RESEND_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final EngineOptions options;
  private final WireCodec codec;
  private final MessageFactory session;
  private final Outbox outbox;
  private final TaskRunner runner;
  private final ShippedClasses classes;
  private final EngineJars jars;
  private final byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
  private final CompletableFuture<Integer> registered = new CompletableFuture<>();
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile int requestedExit = -1;
  private volatile String requestedReason;
  private volatile int engineId = -1;
  private Liveness liveness = Liveness.defaults();
  private int heartPort = -1;
  private Heart heart;
  private long lastHeard;
  private boolean registerAgain;
  private Task aborting;
  private long abortDeadline;
  private int dropped;
  private final SentReplies sentReplies = new SentReplies();
  /**
   * Held by whoever uses the socket: this thread (always, except while it waits in its poller)
   * or the worker sending a task's reply itself; {@link #sentReplies} and the drop count too.
   */
  private final java.util.concurrent.locks.ReentrantLock socketLock = new java.util.concurrent.locks.ReentrantLock();
  private volatile ZMQ.Socket serving;
  private volatile SocketPoller servingPoller;
  private final WireCodec workerCodec;

  EngineIo(EngineOptions options, MessageFactory session, Outbox outbox, TaskRunner runner, ShippedClasses classes,
      EngineJars jars) {
    this.options = options;
    this.codec = new WireCodec(options.connection().signer());
    this.workerCodec = codec.copy();
    this.session = session;
    this.outbox = outbox;
    this.runner = runner;
    this.classes = classes;
    this.jars = jars;
  }

  CompletableFuture<Integer> registered() {
    return registered;
  }

  CompletableFuture<Integer> exited() {
    return exited;
  }

  int engineId() {
    return engineId;
  }

  /** Any thread: asks the I/O thread to stop with {@code code}. The first request wins. */
  synchronized void requestExit(int code, String reason) {
    if (requestedExit < 0) {
      requestedReason = reason;
      requestedExit = code;
    }
    outbox.wake();
  }

  private String who() {
    return options.label() + (engineId >= 0 ? " " + engineId : "");
  }

  @Override
  public void run() {
    int code = Engine.EXIT_FATAL;
    String reason = "I/O thread ended";
    // a JeroMQ I/O thread that dies leaves the socket deaf: the engine says so and exits
    try (ZContext ctx = Sockets.context(1, why -> requestExit(Engine.EXIT_FATAL, why))) {
      ctx.setLinger(500);
      ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
      socket.setIdentity(identity);
      Sockets.receivePooled(Sockets.tune(socket)); // task frames are released once the task ran
      socket.setLinger(500);
      options.connection().secure(socket); // CurveZMQ when the controller listens beyond loopback
      socket.connect(options.connection().engineAddress());
      try (SocketPoller poller = new SocketPoller(socket)) {
        outbox.wakeupWith(poller::wakeup);
        socketLock.lock(); // held whenever this thread uses the socket; released only to wait
        try {
          Outcome o = register(socket, poller, options.requestedId());
          if (o == null) {
            o = serve(ctx, socket, poller);
          }
          code = o.code;
          reason = o.reason;
        } finally {
          serving = null;
          socketLock.unlock();
        }
      } finally {
        outbox.wakeupWith(() -> { });
        outbox.directWith(ms -> false);
        if (heart != null) {
          heart.close();
        }
      }
    } catch (Throwable t) {
      code = Engine.EXIT_FATAL;
      reason = "I/O thread failed: " + t;
    } finally {
      runner.close();
      LOG.info(who() + " exiting with code " + code + ": " + reason);
      if (!registered.isDone()) {
        registered.completeExceptionally(new EngineStartException(reason));
      }
      exited.complete(code);
    }
  }

  private record Outcome(int code, String reason) {}

  /** Null when registered; otherwise why not. */
  private Outcome register(ZMQ.Socket socket, SocketPoller poller, int requestedId) {
    ObjectNode content = Json.object()
        .put("requested_id", requestedId)
        .put("pid", ProcessHandle.current().pid())
        .put("hostname", Liveness.hostname())
        .put("host", Engine.hostAddress(options.connection()))
        .put("launcher", Engine.launcher())
        .put("job_id", Engine.jobId());
    jars.cached().forEach(content.putArray("jars")::add); // the controller sends only the bytes of others
    send(socket, session.message(MsgType.REGISTRATION_REQUEST, content));
    long timeoutMs = options.registrationTimeout().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long resend = System.nanoTime() + REGISTRATION_RESEND_NANOS;
    while (requestedExit < 0) {
      if (System.nanoTime() - resend >= 0) {
        // a request queued on a connection whose handshake stalled is lost with it: ask again
        // (the controller answers a repeated request from this socket with the same id); a new
        // message each time, as the controller refuses a replayed one
        send(socket, session.message(MsgType.REGISTRATION_REQUEST, content));
        resend = System.nanoTime() + REGISTRATION_RESEND_NANOS;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return new Outcome(Engine.EXIT_FATAL, "no registration reply from the controller at "
            + options.connection().engineAddress() + " within " + timeoutMs + " ms; is it running, and is the"
            + " connection file current?");
      }
      poller.poll(Math.min(left, 200));
      List<ByteBuffer> frames;
      while ((frames = Sockets.poll(socket)) != null) {
        Message m = null;
        for (List<ByteBuffer> one : messages(frames)) {
          Message d = decode(socket, one);
          if (m == null && d != null && MsgType.REGISTRATION_REPLY.equals(d.type())) {
            m = d;
          }
        }
        if (m == null) {
          continue;
        }
        JsonNode c = m.content();
        if (!"ok".equals(c.path("status").asText()) || !c.hasNonNull("id")) {
          return new Outcome(Engine.EXIT_FATAL, "registration refused by the controller at "
              + options.connection().engineAddress() + ": " + c.path("reason").asText(c.toString()));
        }
        engineId = Json.intIn(c, "id", -1, 0, Integer.MAX_VALUE);
        liveness = new Liveness(Json.longIn(c, "heartbeat_ms", Liveness.DEFAULT_PERIOD_MS, 10, 60_000),
            Json.longIn(c, "heartbeat_timeout_ms", Liveness.DEFAULT_TIMEOUT_MS, 20, 3_600_000));
        heartPort = Json.intIn(c, "heart_port", -1, -1, 65535);
        LOG.info(who() + " registered with " + options.connection().engineAddress() + " as engine " + engineId
            + " (pid " + ProcessHandle.current().pid() + ", heartbeat " + liveness.periodMs() + " ms, timeout "
            + liveness.timeoutMs() + " ms)");
        registered.complete(engineId);
        return null;
      }
    }
    return new Outcome(requestedExit, requestedReason);
  }

  private Outcome serve(ZContext ctx, ZMQ.Socket socket, SocketPoller poller) {
    long hbNanos = TimeUnit.MILLISECONDS.toNanos(liveness.periodMs());
    long nextBeat = System.nanoTime();
    lastHeard = System.nanoTime();
    if (heartPort > 0) {
      heart = Heart.beat(ctx, Heart.address(options.connection().engineAddress(), heartPort), identity, codec.copy(),
          liveness.periodMs(), options.connection()::secure);
    }
    long lastTurn = System.nanoTime();
    serving = socket;
    servingPoller = poller;
    outbox.directWith(this::sendDirectly);
    while (true) {
      if (requestedExit >= 0) {
        drainOutbox(socket);
        return new Outcome(requestedExit, requestedReason);
      }
      long now = System.nanoTime();
      if (now - lastTurn > 2 * hbNanos + 1_000_000_000L) {
        // this process itself was paused (SIGSTOP, a long GC): the silence is ours, not the
        // controller's; read what came meanwhile before judging it
        lastHeard = now;
      }
      lastTurn = now;
      if (now - nextBeat >= 0) {
        // also on the main socket: a controller that declared this engine dead answers it (register_again)
        send(socket, session.message(MsgType.HEARTBEAT, Json.object()));
        nextBeat = now + hbNanos;
      }
      long heard = heart == null ? lastHeard : Math.max(lastHeard, heart.lastHeard());
      String gone = liveness.deadBecause(now, heard, 0);
      if (gone != null) {
        return new Outcome(Engine.EXIT_CONTROLLER_LOST, "the controller is gone: " + gone);
      }
      if (registerAgain) {
        registerAgain = false;
        Outcome o = reRegister(socket, poller);
        if (o != null) {
          return o;
        }
        continue;
      }
      Task running = runner.current();
      if (aborting != null) {
        if (running != aborting) {
          aborting = null;
        } else if (now - abortDeadline >= 0) {
          drainOutbox(socket);
          flushOutput(socket, running, true, now);
          runner.sendAborted(running, Instant.now(), "task " + running.id() + " did not stop within "
              + options.abortGrace().toMillis() + " ms of its abort; the engine restarts", true);
          drainOutbox(socket);
          return new Outcome(Engine.EXIT_ABORT_TIMEOUT, "aborted task " + running.id() + " did not stop within "
              + options.abortGrace().toMillis() + " ms");
        }
      }
      if (running != null) {
        flushOutput(socket, running, false, now);
      }
      runner.startShellWhenIdle(now);
      long timeout = Math.min(TimeUnit.NANOSECONDS.toMillis(nextBeat - now) + 1,
          running != null ? BUSY_POLL_MS : IDLE_POLL_MS);
      long due = outbox.dueIn(now); // replies the worker holds are sent by this thread once due
      if (due != Long.MAX_VALUE) {
        timeout = Math.min(timeout, TimeUnit.NANOSECONDS.toMillis(due) + 1);
      }
      boolean waiting = Sockets.readable(socket);
      socketLock.unlock(); // the worker may send its reply meanwhile (sendDirectly)
      try {
        if (!waiting && due > 0) {
          poller.await(Math.max(1, timeout), () -> Sockets.readable(socket, socketLock)); // the worker may be sending
        }
      } finally {
        socketLock.lock();
      }
      List<ByteBuffer> frames;
      int read = 0;
      while ((frames = Sockets.poll(socket)) != null) {
        for (List<ByteBuffer> one : messages(frames)) {
          handle(socket, decode(socket, one));
          if (++read % 32 == 0) {
            drainOutboxIfDue(socket); // replies go out while a long backlog of tasks is read
          }
        }
      }
      runner.ioTurned();
      drainOutboxIfDue(socket);
    }
  }

  /**
   * The controller declared this engine dead (it was paused longer than the heartbeat
   * timeout) and dealt with its tasks: drop them, unanswered, and register again under a new id.
   */
  private Outcome reRegister(ZMQ.Socket socket, SocketPoller poller) {
    Task running = runner.dropAll();
    drainOutbox(socket);
    LOG.warn(who() + ": the controller declared this engine dead; registering again");
    int old = engineId;
    Outcome o = register(socket, poller, -1);
    if (o == null) {
      LOG.info("engine " + old + " is now engine " + engineId);
      lastHeard = System.nanoTime();
      if (running != null) {
        aborting = running;
        abortDeadline = System.nanoTime() + options.abortGrace().toNanos();
      }
    }
    return o;
  }

  /** The messages of what arrived (several when it is a batch); none, with a log line, when it is a bad batch. */
  private List<List<ByteBuffer>> messages(List<ByteBuffer> frames) {
    try {
      return codec.messages(frames);
    } catch (BadMessageException e) {
      LOG.bad("bad-message", who() + " dropped a bad message (" + e.getMessage() + ")");
      return List.of();
    }
  }

  /**
   * Verifies and parses a message. A signed task request that cannot be parsed gets an error
   * reply (so its slot is freed); anything else bad is dropped with a rate-limited log line.
   */
  private Message decode(ZMQ.Socket socket, List<ByteBuffer> frames) {
    Envelope env;
    try {
      env = codec.verify(frames);
    } catch (BadMessageException e) {
      LOG.bad("bad-message", who() + " dropped a bad message (" + e.getMessage() + ")");
      return null;
    }
    lastHeard = System.nanoTime(); // any signed message is a sign of the controller's life
    try {
      return env.message();
    } catch (BadMessageException e) {
      Header h;
      try {
        h = env.header();
      } catch (BadMessageException noHeader) {
        LOG.bad("bad-message", who() + " dropped a signed message without a readable header");
        return null;
      }
      LOG.bad("bad-message", who() + " could not read " + h.msgType() + " " + h.msgId() + ": " + e.getMessage());
      if (MsgType.isTaskRequest(h.msgType())) {
        ObjectNode c = new ErrorReport("BadMessageException", "the engine could not read the request: "
            + e.getMessage(), List.of("BadMessageException: " + e.getMessage())).toContent(engineId);
        ObjectNode md = Json.object().put("engine_id", engineId).put("status", "error");
        send(socket, new Message(List.of(), session.header(MsgType.replyTo(h.msgType())), h, md, c, List.of(),
            List.of()));
      }
      return null;
    }
  }

  private void handle(ZMQ.Socket socket, Message m) {
    if (m == null) {
      return;
    }
    String type = m.type();
    switch (type) {
      case MsgType.HEARTBEAT, MsgType.REGISTRATION_REPLY -> { }
      case MsgType.REGISTER_AGAIN -> registerAgain = true;
      case MsgType.REPLY_ACK -> sentReplies.acknowledged(Json.longIn(m.content(), "count", 0, 0, Long.MAX_VALUE));
      case MsgType.SHUTDOWN_REQUEST -> requestExit(Engine.EXIT_OK, "shutdown requested by the controller");
      case MsgType.LOAD_CLASSES -> classes.load(m).forEach(p -> LOG.bad("load-classes", who() + " load_classes: " + p));
      case MsgType.LOAD_JARS -> jars.load(m).forEach(line -> LOG.info(who() + " " + line));
      case MsgType.ABORT_REQUEST -> {
        for (JsonNode id : m.content().path("msg_ids")) {
          Task t = runner.abort(id.asText());
          if (t != null) {
            aborting = t;
            abortDeadline = System.nanoTime() + options.abortGrace().toNanos();
          }
        }
      }
      default -> {
        if (MsgType.isTaskRequest(type)) {
          runner.submit(m);
        } else {
          LOG.bad("unknown-type", who() + " ignored a message of unexpected type " + type);
        }
      }
    }
  }

  private void flushOutput(ZMQ.Socket socket, Task t, boolean all, long now) {
    TaskOutput out = t.output();
    if (out == null) {
      return;
    }
    List<TaskOutput.Chunk> chunks = out.take(all, now);
    if (chunks.isEmpty()) {
      return;
    }
    drainOutbox(socket); // the replies held before this output go first
    for (TaskOutput.Chunk c : chunks) {
      send(socket, runner.stream(t, c));
    }
  }

  private void drainOutbox(ZMQ.Socket socket) {
    List<Message> all = outbox.takeAll();
    if (!all.isEmpty()) {
      sendAll(socket, all, codec);
    }
  }

  private void drainOutboxIfDue(ZMQ.Socket socket) {
    if (outbox.dueIn(System.nanoTime()) == 0) {
      drainOutbox(socket);
    }
  }

  /**
   * The worker's task output and reply, sent by the worker itself when the socket is free (this
   * thread waits in its poller) and nothing waits in the outbox before them; false: queue them.
   */
  private boolean sendDirectly(List<Message> messages) {
    ZMQ.Socket socket = serving;
    if (socket == null || !socketLock.tryLock()) {
      return false;
    }
    try {
      if (serving == null) {
        return false;
      }
      List<Message> all = outbox.takeAll(); // what waits (replies held before) goes first
      all.addAll(messages);
      sendAll(socket, all, workerCodec);
      // sending may take in the signal of a message that arrived meanwhile: this thread is told
      if (Sockets.readable(socket)) {
        servingPoller.wakeup();
      }
      return true;
    } catch (org.zeromq.ZMQException e) {
      return false;
    } finally {
      socketLock.unlock();
    }
  }

  /** Sends without blocking; a message the socket cannot take now (controller gone) is dropped. */
  private void send(ZMQ.Socket socket, Message m) {
    send(socket, m, codec);
  }

  private void send(ZMQ.Socket socket, Message m, WireCodec with) {
    sendAll(socket, List.of(m), with);
  }

  /** Sends in order, several small messages as one batch; what the socket cannot take now (controller gone) is dropped. */
  private void sendAll(ZMQ.Socket socket, List<Message> ms, WireCodec with) {
    List<List<ByteBuffer>> encoded = new ArrayList<>(ms.size());
    for (Message m : ms) {
      if (MsgType.isTaskReply(m.type())) {
        m.metadata().put(TaskTimes.ENGINE_OUT, TaskTimes.now());
      }
      encoded.add(with.encode(m));
    }
    int at = 0;
    for (WireCodec.Batched b : with.batches(List.of(), encoded)) {
      boolean sent = Sockets.sendNow(socket, b.frames());
      for (int i = at; i < at + b.messages(); i++) {
        Message m = ms.get(i);
        if (MsgType.isTaskReply(m.type())) {
          sentReplies.sent(sent, m.raw());
        }
        if (!sent && dropped++ % 1000 == 0) {
          LOG.warn(who() + " could not send " + m.type() + " to the controller (not connected); dropped " + dropped
              + " message(s) so far");
        }
      }
      at += b.messages();
    }
  }
}
