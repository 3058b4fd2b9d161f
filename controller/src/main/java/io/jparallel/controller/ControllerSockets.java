package io.jparallel.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Frames;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import io.jparallel.wire.Log;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * The controller's two ROUTER sockets, its codec and the clients to notify: every message the
 * controller sends goes through here, and none waits: a peer that stopped reading can never
 * block the loop ({@link Sockets#sendNow}). Of the tasks to an engine and the replies and
 * output to a client in a turn of the loop, the first goes at once and the rest at the turn's
 * end ({@link #flush}), several to one peer as one batch ({@link WireCodec#batches}); any other
 * message to a peer sends what is queued for it first, so each peer gets everything in order.
 * Confined to the loop thread.
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
  private BiConsumer<EngineState, String> engineUnreachable = (e, why) -> { };
  private final Map<EngineState, List<List<ByteBuffer>>> toEngines = new IdentityHashMap<>();
  private final Map<String, Queued> toClients = new LinkedHashMap<>();

  private record Queued(byte[] client, List<List<ByteBuffer>> messages) {}

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

  /** Told of each engine a queued send could not reach (its connection is gone). */
  void onEngineUnreachable(BiConsumer<EngineState, String> handler) {
    this.engineUnreachable = handler;
  }

  /**
   * A task's frames (no routing ids) for engine {@code e}: the first of this turn at once, so a
   * lone task waits for nothing the loop does after it (waking the records' writer, say, can
   * cost the loop its core on a small machine); later ones at the end of the turn, as batches.
   */
  void queueToEngine(EngineState e, List<ByteBuffer> frames) {
    List<List<ByteBuffer>> queued = toEngines.get(e);
    if (queued == null) {
      toEngines.put(e, new ArrayList<>(4)); // marks e as sent to this turn
      if (!Sockets.sendNow(engineSocket, Frames.withIds(List.of(e.identity), frames))) {
        engineUnreachable.accept(e, "its connection is gone"); // requeues the tasks it holds
      }
      return;
    }
    queued.add(frames);
  }

  /**
   * A task's reply or output (frames without routing ids) for {@code client}: the first of this
   * turn at once, later ones at its end (as {@link #queueToEngine}); false when the client is
   * known to be gone.
   */
  boolean queueToClient(byte[] client, List<ByteBuffer> frames) {
    String key = Engines.key(client);
    if (!gone.isEmpty() && gone.contains(key)) {
      return false;
    }
    Queued q = toClients.get(key);
    if (q == null) {
      toClients.put(key, new Queued(client, new ArrayList<>(4)));
      return send(client, Frames.withIds(List.of(client), frames));
    }
    q.messages.add(frames);
    return true;
  }

  /** Sends everything queued this turn, in batches. */
  void flush() {
    if (!toEngines.isEmpty()) {
      for (EngineState e : List.copyOf(toEngines.keySet())) {
        flushEngine(e);
      }
    }
    if (!toClients.isEmpty()) {
      for (Queued q : List.copyOf(toClients.values())) {
        flushClient(q.client);
      }
    }
  }

  private void flushEngine(EngineState e) {
    List<List<ByteBuffer>> queued = toEngines.remove(e);
    if (queued == null || queued.isEmpty()) {
      return;
    }
    for (WireCodec.Batched b : codec.batches(List.of(e.identity), queued)) {
      if (!Sockets.sendNow(engineSocket, b.frames())) {
        engineUnreachable.accept(e, "its connection is gone"); // requeues the tasks it holds
        return;
      }
    }
  }

  private void flushClient(byte[] client) {
    Queued q = toClients.remove(Engines.key(client));
    if (q == null || q.messages.isEmpty()) {
      return;
    }
    for (WireCodec.Batched b : codec.batches(List.of(client), q.messages)) {
      if (!send(client, b.frames())) {
        return;
      }
    }
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
    if (!toClients.isEmpty()) {
      flushClient(client);
    }
    return send(client, frames);
  }

  private boolean send(byte[] client, List<ByteBuffer> frames) {
    if (Sockets.sendNow(clientSocket, frames)) {
      return true;
    }
    String key = Engines.key(client);
    if (gone.add(key)) {
      clients.remove(key);
      // not a warning by itself: a client that closes is gone too, and one that had tasks
      // running is warned of by the tracker (clientGone)
      LOG.info("a client cannot be reached (it is gone): what was sent to it is dropped");
      clientGone.accept(client);
    }
    return false;
  }

  /** Frames (already routed to an engine) out of the engine socket, never waiting; false: the engine is gone. */
  boolean toEngine(List<ByteBuffer> frames) {
    return Sockets.sendNow(engineSocket, frames);
  }

  boolean toEngine(EngineState e, Message m) {
    if (!toEngines.isEmpty()) {
      flushEngine(e);
    }
    return Sockets.sendNow(engineSocket, codec.encode(m.withIds(List.of(e.identity))));
  }
}
