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
import io.jparallel.wire.Log;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * The controller's two ROUTER sockets, its codec and the clients to notify: every message the
 * controller sends goes through here, and none waits: a peer that stopped reading can never
 * block the loop ({@link Sockets#sendNow}). Confined to the loop thread.
 */
final class ControllerSockets {
  final ZMQ.Socket clientSocket;
  final ZMQ.Socket engineSocket;
  final WireCodec codec;
  final MessageFactory session = new MessageFactory("controller");
  private static final Log LOG = Log.of("controller");

  private final Map<String, byte[]> clients = new LinkedHashMap<>();
  /** Clients a send was refused to, until they send again (bounded: a gone client stays so). */
  private final Set<String> gone = new HashSet<>();
  private Consumer<byte[]> clientGone = c -> { };

  ControllerSockets(ZMQ.Socket clientSocket, ZMQ.Socket engineSocket, WireCodec codec) {
    this.clientSocket = clientSocket;
    this.engineSocket = engineSocket;
    this.codec = codec;
  }

  /** Remembers a client for engine notifications. */
  void addClient(byte[] identity) {
    clients.put(Engines.key(identity), identity);
  }

  /** Called for every message a client sends: a client that was gone is back. */
  void clientSeen(byte[] identity) {
    if (!gone.isEmpty()) {
      gone.remove(Engines.key(identity));
    }
  }

  /** Told once for each client whose messages can no longer be delivered. */
  void onClientGone(Consumer<byte[]> handler) {
    this.clientGone = handler;
  }

  void notifyClients(String event, int engineId, String reason, ArrayNode ids) {
    ObjectNode c = Json.object().put("event", event).put("engine_id", engineId).put("reason", reason);
    c.set("ids", ids);
    Message note = session.message(MsgType.NOTIFICATION, c);
    for (byte[] client : List.copyOf(clients.values())) {
      toClient(client, codec.encode(note.withIds(List.of(client))));
    }
  }

  /** A reply to a client's request; false when the client's socket refused it (gone, or going). */
  boolean replyTo(Message request, String type, ObjectNode content) {
    byte[] client = request.ids().isEmpty() ? null : request.ids().get(0);
    List<ByteBuffer> frames = codec.encode(session.reply(request, type, Json.object(), content, List.of(), List.of()));
    if (client != null) {
      return toClient(client, frames);
    }
    return Sockets.sendNow(clientSocket, frames);
  }

  /**
   * Frames (already routed to {@code client}) out of the client socket, never waiting. A
   * refused send means the client is gone: it is forgotten and its work dropped.
   */
  boolean toClient(byte[] client, List<ByteBuffer> frames) {
    if (Sockets.sendNow(clientSocket, frames)) {
      return true;
    }
    String key = Engines.key(client);
    if (gone.add(key)) {
      clients.remove(key);
      LOG.warn("a client cannot be reached (it is gone): its replies are dropped");
      clientGone.accept(client);
    }
    return false;
  }

  /** Frames (already routed to an engine) out of the engine socket, never waiting; false: the engine is gone. */
  boolean toEngine(List<ByteBuffer> frames) {
    return Sockets.sendNow(engineSocket, frames);
  }

  boolean toEngine(EngineState e, Message m) {
    return Sockets.sendNow(engineSocket, codec.encode(m.withIds(List.of(e.identity))));
  }
}
