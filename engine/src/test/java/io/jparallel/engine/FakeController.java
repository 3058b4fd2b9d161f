package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Plays the controller on a real ROUTER bound to 127.0.0.1: answers registration, sends
 * heartbeats (which a test can stop), sends what the test queues and collects everything
 * the engine sends. Its socket belongs to its own thread.
 */
final class FakeController implements AutoCloseable {
  final ConnectionInfo info;
  final Path engineFile;
  final MessageFactory session = new MessageFactory("controller");
  final WireCodec codec;
  final List<Message> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
  volatile boolean heartbeating = true;
  volatile boolean refuse;
  private final int heartbeatMs;
  private final ZContext ctx = new ZContext();
  private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
  private final List<Message> seen = new ArrayList<>();
  private final Queue<List<ByteBuffer>> outgoing = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile byte[] engineIdentity;
  private int nextId;

  FakeController(Path dir, int heartbeatMs) throws Exception {
    this.heartbeatMs = heartbeatMs;
    String key = ConnectionInfo.newKey();
    this.codec = new WireCodec(Signer.of(key));
    ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
    router.setRouterMandatory(true);
    int port = router.bindToRandomPort("tcp://127.0.0.1");
    this.info = new ConnectionInfo("tcp", "127.0.0.1", null, port, key, Signer.SCHEME, "test", ProcessHandle.current().pid());
    this.engineFile = dir.resolve("engine-test.json");
    info.write(engineFile);
    this.thread = new Thread(() -> loop(router), "fake-controller");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(ZMQ.Socket router) {
    WireCodec myCodec = codec.copy();
    ZMQ.Poller poller = ctx.createPoller(1);
    poller.register(router, ZMQ.Poller.POLLIN);
    long nextBeat = 0;
    while (running) {
      poller.poll(5);
      List<ByteBuffer> frames;
      while ((frames = Sockets.recv(router, ZMQ.DONTWAIT)) != null) {
        List<List<ByteBuffer>> batch;
        try {
          batch = myCodec.messages(frames); // an engine sends held replies several to a batch
        } catch (BadMessageException e) {
          continue;
        }
        for (List<ByteBuffer> one : batch) {
          handle(router, myCodec, one);
        }
      }
      List<ByteBuffer> out;
      while (engineIdentity != null && (out = outgoing.poll()) != null) {
        List<ByteBuffer> withId = new ArrayList<>();
        withId.add(ByteBuffer.wrap(engineIdentity));
        withId.addAll(out);
        try {
          Sockets.send(router, withId);
        } catch (RuntimeException e) {
          // engine gone
        }
      }
      long now = System.currentTimeMillis();
      if (heartbeating && engineIdentity != null && now >= nextBeat) {
        try {
          Sockets.send(router, myCodec.encode(session.message(MsgType.HEARTBEAT, Json.object())
              .withIds(List.of(engineIdentity))));
        } catch (RuntimeException e) {
          // engine gone
        }
        nextBeat = now + heartbeatMs;
      }
    }
  }

  private void handle(ZMQ.Socket router, WireCodec myCodec, List<ByteBuffer> frames) {
    Message m;
    try {
      m = myCodec.decode(frames);
    } catch (BadMessageException e) {
      return;
    }
    byte[] identity = m.ids().get(0);
    if (MsgType.REGISTRATION_REQUEST.equals(m.type())) {
      registrations.add(m);
      engineIdentity = identity;
      int requested = m.content().path("requested_id").asInt(-1);
      ObjectNode c = refuse
          ? Json.object().put("status", "error").put("reason", "test says no")
          : Json.object().put("status", "ok").put("id", requested >= 0 ? requested : nextId++)
              .put("heartbeat_ms", heartbeatMs).put("heartbeat_timeout_ms", Math.max(3000, 6 * heartbeatMs));
      Sockets.send(router, myCodec.encode(new Message(List.of(identity), session.header(MsgType.REGISTRATION_REPLY),
          m.header(), Json.object(), c, List.of(), List.of())));
    } else if (!MsgType.HEARTBEAT.equals(m.type())) {
      received.add(m);
    }
  }

  /** Sends a signed message to the engine; returns it (its id is the parent of the answers). */
  synchronized Message send(String type, ObjectNode content, List<byte[]> buffers, List<ByteBuffer> raw) {
    Message m = session.message(type, Json.object(), content, buffers, raw);
    outgoing.add(codec.encode(m));
    return m;
  }

  Message send(String type, ObjectNode content) {
    return send(type, content, List.of(), List.of());
  }

  /** Sends frames as they are (forged or malformed messages). */
  void sendFrames(List<ByteBuffer> frames) {
    outgoing.add(frames);
  }

  /** The next message matching {@code p}, keeping the others for later calls. */
  synchronized Message await(Predicate<Message> p, Duration timeout) throws InterruptedException {
    for (Message m : seen) {
      if (p.test(m)) {
        seen.remove(m);
        return m;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Message m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError("no matching message within " + timeout + "; unmatched: "
            + seen.stream().map(Message::type).toList());
      }
      if (p.test(m)) {
        return m;
      }
      seen.add(m);
    }
  }

  Message awaitReply(Message request, Duration timeout) throws InterruptedException {
    String id = request.id();
    return await(m -> m.parent() != null && id.equals(m.parent().msgId()) && !MsgType.STREAM.equals(m.type()), timeout);
  }

  Message awaitStream(Message request, Duration timeout) throws InterruptedException {
    String id = request.id();
    return await(m -> m.parent() != null && id.equals(m.parent().msgId()) && MsgType.STREAM.equals(m.type()), timeout);
  }

  /** Streams of a request received so far (after its reply arrived, all of them). */
  synchronized List<Message> streams(Message request) {
    List<Message> all = new ArrayList<>(seen);
    received.drainTo(all);
    seen.clear();
    List<Message> out = new ArrayList<>();
    for (Message m : all) {
      if (MsgType.STREAM.equals(m.type()) && m.parent() != null && request.id().equals(m.parent().msgId())) {
        out.add(m);
      } else {
        seen.add(m);
      }
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(2000);
    ctx.close();
  }
}
