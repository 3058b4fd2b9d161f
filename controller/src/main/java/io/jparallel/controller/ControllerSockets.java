package io.jparallel.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The controller's two ROUTER sockets, its codec and the clients to notify: every message the
 * controller sends goes through here. Confined to the loop thread.
 */
final class ControllerSockets {
  final ZMQ.Socket clientSocket;
  final ZMQ.Socket engineSocket;
  final WireCodec codec;
  final MessageFactory session = new MessageFactory("controller");
  private final Map<String, byte[]> clients = new LinkedHashMap<>();

  ControllerSockets(ZMQ.Socket clientSocket, ZMQ.Socket engineSocket, WireCodec codec) {
    this.clientSocket = clientSocket;
    this.engineSocket = engineSocket;
    this.codec = codec;
  }

  /** Remembers a client for engine notifications. */
  void addClient(byte[] identity) {
    clients.put(Engines.key(identity), identity);
  }

  void notifyClients(String event, int engineId, String reason, ArrayNode ids) {
    ObjectNode c = Json.object().put("event", event).put("engine_id", engineId).put("reason", reason);
    c.set("ids", ids);
    Message note = session.message(MsgType.NOTIFICATION, c);
    for (Iterator<byte[]> it = clients.values().iterator(); it.hasNext(); ) {
      if (!send(clientSocket, codec.encode(note.withIds(List.of(it.next()))))) {
        it.remove();
      }
    }
  }

  /** A reply to a client's request; false when the client's socket refused it (gone, or going). */
  boolean replyTo(Message request, String type, ObjectNode content) {
    return send(clientSocket, codec.encode(session.reply(request, type, Json.object(), content, List.of(), List.of())));
  }

  /** Frames (already routed to a client) out of the client socket. */
  boolean toClient(List<ByteBuffer> frames) {
    return send(clientSocket, frames);
  }

  /** Frames (already routed to an engine) out of the engine socket. */
  boolean toEngine(List<ByteBuffer> frames) {
    return send(engineSocket, frames);
  }

  boolean toEngine(EngineState e, Message m) {
    return send(engineSocket, codec.encode(m.withIds(List.of(e.identity))));
  }

  private static boolean send(ZMQ.Socket socket, List<ByteBuffer> frames) {
    try {
      // never block the loop: a peer whose connection is going away (seen with clients that
      // close right after a request over CURVE) has an unwritable pipe, and a blocking send
      // to it waits for good; with no high-water mark only such a peer refuses a message
      return Sockets.send(socket, frames, ZMQ.DONTWAIT);
    } catch (ZMQException e) {
      return false; // unknown or vanished peer (ROUTER_MANDATORY)
    }
  }
}
