package io.jparallel.cluster.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A DEALER on the controller's client socket that speaks the protocol by hand (it knows the key). */
final class RawPeer implements AutoCloseable {
  final ZContext ctx = new ZContext(1);
  final ZMQ.Socket socket;
  final WireCodec codec;
  final MessageFactory session = new MessageFactory("attacker");
  private final ArrayDeque<List<ByteBuffer>> pending = new ArrayDeque<>();

  RawPeer(ConnectionInfo info) {
    socket = Sockets.tune(ctx.createSocket(SocketType.DEALER));
    socket.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    socket.setReceiveTimeOut(60_000);
    socket.connect(info.clientAddress().startsWith("inproc") ? info.clientAddress() : tcp(info));
    codec = new WireCodec(info.signer());
  }

  private static String tcp(ConnectionInfo info) {
    return "tcp://127.0.0.1:" + info.clientPort();
  }

  void send(List<ByteBuffer> frames) {
    List<ByteBuffer> copy = new ArrayList<>();
    frames.forEach(f -> copy.add(f.duplicate()));
    Sockets.send(socket, copy);
  }

  List<ByteBuffer> encode(Message m) {
    return codec.encode(m);
  }

  Message execute(int target, String code) {
    ObjectNode meta = Json.object();
    meta.putArray("targets").add(target);
    return session.message(MsgType.EXECUTE_REQUEST, meta, Json.object().put("code", code).put("silent", false),
        List.of(), List.of());
  }

  /** The next message that answers {@code request} (a reply whose parent it is); others are skipped. */
  Message replyTo(Message request) throws Exception {
    while (true) {
      Message m = next();
      if (m == null) {
        throw new AssertionError("no reply to " + request.type() + " " + request.id() + " within 60 s");
      }
      if (m.parent() != null && request.id().equals(m.parent().msgId()) && !MsgType.STREAM.equals(m.type())) {
        return m;
      }
    }
  }

  /** The next message from the controller (which sends several as one batch under load), or null after 60 s. */
  Message next() throws Exception {
    if (pending.isEmpty()) {
      List<ByteBuffer> frames = Sockets.recv(socket, 0);
      if (frames == null) {
        return null;
      }
      pending.addAll(codec.messages(frames));
    }
    return codec.decode(pending.poll());
  }

  @Override
  public void close() {
    ctx.close();
  }
}
