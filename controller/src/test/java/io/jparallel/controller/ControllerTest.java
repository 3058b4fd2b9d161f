package io.jparallel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Frames;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The controller over real TCP sockets, with test sockets playing engines and a client. */
@Timeout(30)
class ControllerTest {
  private Controller controller;
  private ZContext ctx;
  private WireCodec codec;

  @BeforeEach
  void start() {
    controller = Controller.start(ControllerOptions.defaults("test").withHwm(1).withHeartbeatMs(300));
    ctx = new ZContext();
    codec = new WireCodec(controller.connectionInfo().signer());
  }

  @AfterEach
  void stop() {
    ctx.close();
    controller.close();
  }

  /** A socket with a session, speaking the protocol. */
  final class Peer {
    final ZMQ.Socket socket;
    final MessageFactory session;
    private final java.util.ArrayDeque<List<ByteBuffer>> pending = new java.util.ArrayDeque<>();

    Peer(String address) {
      socket = Sockets.tune(ctx.createSocket(SocketType.DEALER));
      socket.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
      socket.setReceiveTimeOut(3000);
      socket.connect(address);
      session = new MessageFactory("test");
    }

    void send(Message m) {
      Sockets.send(socket, codec.encode(m));
    }

    /** The next message; the controller sends several to one peer as a batch. */
    Message recv() throws Exception {
      if (pending.isEmpty()) {
        List<ByteBuffer> frames = Sockets.recv(socket, 0);
        assertThat(frames).as("a message within 3 s").isNotNull();
        pending.addAll(codec.messages(frames));
      }
      return codec.decode(pending.poll());
    }

    /** Next message that is not a heartbeat; heartbeats are answered, as an engine does. */
    Message recvSkippingHeartbeats() throws Exception {
      while (true) {
        Message m = recv();
        if (!MsgType.HEARTBEAT.equals(m.type())) {
          return m;
        }
        send(session.message(MsgType.HEARTBEAT, Json.object()));
      }
    }
  }

  private Peer engine(int requested) throws Exception {
    Peer e = new Peer(controller.connectionInfo().engineAddress());
    e.send(e.session.message(MsgType.REGISTRATION_REQUEST, Json.object().put("requested_id", requested).put("pid", 1)));
    Message reply = e.recvSkippingHeartbeats();
    assertThat(reply.type()).isEqualTo(MsgType.REGISTRATION_REPLY);
    assertThat(reply.content().get("id").asInt()).isEqualTo(requested);
    return e;
  }

  private Peer client() throws Exception {
    Peer c = new Peer(controller.connectionInfo().clientAddress());
    c.send(c.session.message(MsgType.CONNECT_REQUEST, Json.object()));
    assertThat(c.recv().type()).isEqualTo(MsgType.CONNECT_REPLY);
    return c;
  }

  private Message task(Peer c, Integer target) {
    ObjectNode meta = Json.object();
    if (target != null) {
      meta.putArray("targets").add(target);
    }
    return c.session.message(MsgType.APPLY_REQUEST, meta, Json.object().put("x", 1), List.of(), List.of());
  }

  private void answer(Peer e, Message task, String status) {
    e.send(new Message(List.of(), e.session.header(MsgType.APPLY_REPLY), task.header(),
        Json.object().put("status", status), Json.object().put("status", status), List.of(), List.of()));
  }

  @org.junit.jupiter.api.RepeatedTest(8)
  void routesDirectAndLoadBalancedTasksAndRepliesBack() throws Exception {
    Peer e0 = engine(0);
    Peer e1 = engine(1);
    Peer c = client();
    Message direct = task(c, 1);
    c.send(direct);
    Message got = e1.recvSkippingHeartbeats();
    assertThat(got.id()).isEqualTo(direct.id());
    answer(e1, got, "ok");
    Message reply = c.recvSkippingHeartbeats();
    assertThat(reply.parent().msgId()).isEqualTo(direct.id());

    // hwm 1: two load-balanced tasks go to two different engines
    Message a = task(c, null);
    Message b = task(c, null);
    c.send(a);
    c.send(b);
    Message ga = e0.recvSkippingHeartbeats();
    Message gb = e1.recvSkippingHeartbeats();
    assertThat(List.of(ga.id(), gb.id())).containsExactlyInAnyOrder(a.id(), b.id());
  }

  @Test
  void engineThatStopsBeatingFailsItsTaskAndOthersGoOn() throws Exception {
    controller.close(); // this one with a short heartbeat timeout: the test's engine never beats
    controller = Controller.start(ControllerOptions.defaults("test").withHwm(1).withHeartbeatMs(300)
        .withHeartbeatTimeoutMs(1200));
    codec = new WireCodec(controller.connectionInfo().signer());
    Peer e0 = engine(0);
    Peer c = client();
    Message t = task(c, 0);
    c.send(t);
    assertThat(e0.recvSkippingHeartbeats().id()).isEqualTo(t.id());
    // e0 never answers nor beats: dead after the heartbeat timeout (1.2 s)
    List<String> seen = new ArrayList<>();
    Message m;
    do {
      m = c.recv();
      seen.add(m.type());
    } while (!MsgType.APPLY_REPLY.equals(m.type()));
    assertThat(seen).contains(MsgType.NOTIFICATION);
    assertThat(m.content().get("ename").asText()).isEqualTo("EngineDiedException");
    assertThat(m.parent().msgId()).isEqualTo(t.id());
  }

  @Test
  void forgedAndGarbageMessagesAreDroppedWithoutHarm() throws Exception {
    Peer e0 = engine(0);
    Peer c = client();
    WireCodec forger = new WireCodec(Signer.of("wrong key"));
    Sockets.send(c.socket, forger.encode(task(c, 0)));
    Sockets.send(c.socket, Frames.of("x".getBytes(StandardCharsets.UTF_8)));
    List<ByteBuffer> truncated = codec.encode(task(c, 0));
    Sockets.send(c.socket, truncated.subList(0, 2)); // delimiter and signature, no parts
    Message good = task(c, 0);
    c.send(good);
    assertThat(e0.recvSkippingHeartbeats().id()).isEqualTo(good.id());
  }

  @Test
  void abortOfAQueuedTaskAnswersAborted() throws Exception {
    engine(0);
    Peer c = client();
    Message busy = task(c, null);
    Message queued = task(c, null);
    c.send(busy);
    c.send(queued); // hwm 1 keeps it in the controller
    ObjectNode content = Json.object();
    content.putArray("msg_ids").add(queued.id());
    c.send(c.session.message(MsgType.ABORT_REQUEST, content));
    Message first = c.recvSkippingHeartbeats();
    Message second = c.recvSkippingHeartbeats();
    Message taskReply = MsgType.APPLY_REPLY.equals(first.type()) ? first : second;
    assertThat(taskReply.content().get("status").asText()).isEqualTo("aborted");
    assertThat(taskReply.parent().msgId()).isEqualTo(queued.id());
  }

  @Test
  void sendsPushedClassesToAnEngineOnceBeforeTheTask() throws Exception {
    Peer e0 = engine(0);
    Peer c = client();
    ObjectNode push = Json.object();
    push.putArray("classes").addObject().put("name", "A").put("hash", "h1").put("s", 0);
    c.send(c.session.message(MsgType.CLASS_PUSH, Json.object(), push, List.of(new byte[] {1, 2}), List.of()));
    for (int i = 0; i < 2; i++) {
      ObjectNode meta = Json.object();
      meta.putArray("targets").add(0);
      meta.putArray("classes").add("h1");
      Message t = c.session.message(MsgType.APPLY_REQUEST, meta, Json.object(), List.of(), List.of());
      c.send(t);
      Message m = e0.recvSkippingHeartbeats();
      if (i == 0) {
        assertThat(m.type()).isEqualTo(MsgType.LOAD_CLASSES);
        assertThat(m.buffers().get(0)).containsExactly(1, 2);
        m = e0.recvSkippingHeartbeats();
      }
      assertThat(m.id()).isEqualTo(t.id());
      answer(e0, m, "ok"); // hwm 1: the next direct task waits in the controller for this slot
    }
  }
}
