package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The I/O thread: owns the DEALER socket to the controller. Registers, sends heartbeats,
 * watches the controller's, routes requests to the {@link TaskRunner}, answers aborts,
 * and sends what other threads put in the {@link Outbox} plus the running task's output.
 * Every readable message is drained per wake-up.
 */
final class EngineIo implements Runnable {
  private static final long MARGIN_MS = 2000;
  private static final long IDLE_POLL_MS = 100;
  private static final long BUSY_POLL_MS = 20;
  private static final long REGISTRATION_RESEND_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final EngineOptions options;
  private final WireCodec codec;
  private final MessageFactory session;
  private final Outbox outbox;
  private final TaskRunner runner;
  private final ShippedClasses classes;
  private final CompletableFuture<Integer> registered = new CompletableFuture<>();
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile int requestedExit = -1;
  private volatile String requestedReason;
  private int engineId = -1;
  private long heartbeatMs = 1000;
  private long lastHeard;
  private Task aborting;
  private long abortDeadline;
  private int dropped;
  private final SentReplies sentReplies = new SentReplies();

  EngineIo(EngineOptions options, MessageFactory session, Outbox outbox, TaskRunner runner, ShippedClasses classes) {
    this.options = options;
    this.codec = new io.jparallel.wire.WireCodec(options.connection().signer());
    this.session = session;
    this.outbox = outbox;
    this.runner = runner;
    this.classes = classes;
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
    outbox.wakeup().wake();
  }

  @Override
  public void run() {
    int code = Engine.EXIT_FATAL;
    String reason = "I/O thread ended";
    try (ZContext ctx = new ZContext()) {
      ctx.setLinger(500);
      ZMQ.Socket socket = ctx.createSocket(SocketType.DEALER);
      socket.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
      Sockets.receivePooled(Sockets.tune(socket)); // task frames are released once the task ran
      socket.setLinger(500);
      options.connection().secure(socket); // CurveZMQ when the controller listens beyond loopback
      socket.connect(options.connection().engineAddress());
      ZMQ.Poller poller = ctx.createPoller(2);
      int socketIndex = poller.register(socket, ZMQ.Poller.POLLIN);
      poller.register(outbox.wakeup().source(), ZMQ.Poller.POLLIN);
      Outcome o = register(socket, poller);
      if (o == null) {
        o = serve(socket, poller, socketIndex);
      }
      code = o.code;
      reason = o.reason;
    } catch (Throwable t) {
      code = Engine.EXIT_FATAL;
      reason = "I/O thread failed: " + t;
    } finally {
      runner.close();
      outbox.wakeup().close();
      Log.info(options.label() + (engineId >= 0 ? " " + engineId : ""), "exiting with code " + code + ": " + reason);
      if (!registered.isDone()) {
        registered.completeExceptionally(new EngineStartException(reason));
      }
      exited.complete(code);
    }
  }

  private record Outcome(int code, String reason) {}

  /** Null when registered; otherwise why not. */
  private Outcome register(ZMQ.Socket socket, ZMQ.Poller poller) {
    ObjectNode content = Json.object()
        .put("requested_id", options.requestedId())
        .put("pid", ProcessHandle.current().pid())
        .put("hostname", Engine.hostname())
        .put("host", Engine.hostAddress(options.connection()))
        .put("launcher", Engine.launcher())
        .put("job_id", Engine.jobId());
    Message request = session.message(MsgType.REGISTRATION_REQUEST, content);
    send(socket, request);
    long timeoutMs = options.registrationTimeout().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long resend = System.nanoTime() + REGISTRATION_RESEND_NANOS;
    while (requestedExit < 0) {
      if (System.nanoTime() - resend >= 0) {
        // a request queued on a connection whose handshake stalled is lost with it: ask again
        // (the controller answers a repeated request from this socket with the same id)
        send(socket, request);
        resend = System.nanoTime() + REGISTRATION_RESEND_NANOS;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return new Outcome(Engine.EXIT_FATAL, "no registration reply from the controller at "
            + options.connection().engineAddress() + " within " + timeoutMs + " ms; is it running, and is the"
            + " connection file current?");
      }
      poller.poll(Math.min(left, 200));
      clearWakeup(poller);
      List<ByteBuffer> frames;
      while ((frames = Sockets.poll(socket)) != null) {
        Message m = decode(frames);
        if (m == null || !MsgType.REGISTRATION_REPLY.equals(m.type())) {
          continue;
        }
        JsonNode c = m.content();
        if (!"ok".equals(c.path("status").asText()) || !c.hasNonNull("id")) {
          return new Outcome(Engine.EXIT_FATAL, "registration refused by the controller at "
              + options.connection().engineAddress() + ": " + c.path("reason").asText(c.toString()));
        }
        engineId = c.get("id").asInt();
        heartbeatMs = Math.max(10, c.path("heartbeat_ms").asLong(1000));
        Log.info(options.label() + " " + engineId, "registered with " + options.connection().engineAddress()
            + " as engine " + engineId + " (pid " + ProcessHandle.current().pid() + ", heartbeat "
            + heartbeatMs + " ms)");
        registered.complete(engineId);
        return null;
      }
    }
    return new Outcome(requestedExit, requestedReason);
  }

  private Outcome serve(ZMQ.Socket socket, ZMQ.Poller poller, int socketIndex) {
    long hbNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMs);
    long silenceLimit = TimeUnit.MILLISECONDS.toNanos(3 * heartbeatMs + MARGIN_MS);
    long nextBeat = System.nanoTime();
    lastHeard = System.nanoTime();
    while (true) {
      if (requestedExit >= 0) {
        drainOutbox(socket);
        return new Outcome(requestedExit, requestedReason);
      }
      long now = System.nanoTime();
      if (now - nextBeat >= 0) {
        send(socket, session.message(MsgType.HEARTBEAT, Json.object()));
        nextBeat = now + hbNanos;
      }
      if (now - lastHeard > silenceLimit) {
        return new Outcome(Engine.EXIT_CONTROLLER_LOST, "no heartbeat from the controller for "
            + TimeUnit.NANOSECONDS.toMillis(now - lastHeard) + " ms (limit " + (3 * heartbeatMs + MARGIN_MS)
            + " ms); it is gone");
      }
      Task running = runner.current();
      if (aborting != null) {
        if (running != aborting) {
          aborting = null;
        } else if (now - abortDeadline >= 0) {
          drainOutbox(socket);
          flushOutput(socket, running, true, now);
          runner.sendAborted(running, Instant.now(), "task " + running.id() + " did not stop within "
              + options.abortGrace().toMillis() + " ms of its abort; the engine restarts");
          drainOutbox(socket);
          return new Outcome(Engine.EXIT_ABORT_TIMEOUT, "aborted task " + running.id() + " did not stop within "
              + options.abortGrace().toMillis() + " ms");
        }
      }
      if (running != null) {
        flushOutput(socket, running, false, now);
      }
      long timeout = Math.min(TimeUnit.NANOSECONDS.toMillis(nextBeat - now) + 1,
          running != null ? BUSY_POLL_MS : IDLE_POLL_MS);
      poller.poll(Math.max(1, timeout));
      clearWakeup(poller);
      List<ByteBuffer> frames;
      while ((frames = Sockets.poll(socket)) != null) {
        handle(decode(frames));
      }
      drainOutbox(socket);
    }
  }

  private void clearWakeup(ZMQ.Poller poller) {
    if (!outbox.wakeup().clear() && requestedExit < 0) {
      SelectableChannel old = outbox.wakeup().source();
      poller.unregister(old);
      poller.register(outbox.wakeup().reopen(), ZMQ.Poller.POLLIN);
    }
  }

  private Message decode(List<ByteBuffer> frames) {
    try {
      Message m = codec.decode(frames);
      lastHeard = System.nanoTime();
      return m;
    } catch (BadMessageException e) {
      Log.info(options.label() + " " + engineId, "dropped a bad message (" + e.getMessage() + ")");
      return null;
    }
  }

  private void handle(Message m) {
    if (m == null) {
      return;
    }
    String type = m.type();
    switch (type) {
      case MsgType.HEARTBEAT, MsgType.REGISTRATION_REPLY -> { }
      case MsgType.REPLY_ACK -> sentReplies.acknowledged(m.content().path("count").asLong(0));
      case MsgType.SHUTDOWN_REQUEST -> requestExit(Engine.EXIT_OK, "shutdown requested by the controller");
      case MsgType.LOAD_CLASSES -> classes.load(m).forEach(p -> Log.info(options.label() + " " + engineId,
          "load_classes: " + p));
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
          Log.info(options.label() + " " + engineId, "ignored a message of unexpected type " + type);
        }
      }
    }
  }

  private void flushOutput(ZMQ.Socket socket, Task t, boolean all, long now) {
    TaskOutput out = t.output();
    if (out == null) {
      return;
    }
    for (TaskOutput.Chunk c : out.take(all, now)) {
      send(socket, runner.stream(t, c));
    }
  }

  private void drainOutbox(ZMQ.Socket socket) {
    Message m;
    while ((m = outbox.poll()) != null) {
      send(socket, m);
    }
  }

  /** Sends without blocking; a message the socket cannot take now (controller gone) is dropped. */
  private void send(ZMQ.Socket socket, Message m) {
    boolean sent = Sockets.send(socket, codec.encode(m), ZMQ.DONTWAIT);
    if (MsgType.isTaskReply(m.type())) {
      sentReplies.sent(sent, m.raw());
    }
    if (!sent && dropped++ % 1000 == 0) {
      Log.info(options.label() + " " + engineId, "could not send " + m.type() + " to the controller (queue full"
          + " or not connected); dropped " + dropped + " message(s) so far");
    }
  }
}
