package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's libraries ({@code jar_push}), kept by content hash in the order they came,
 * and their delivery: every engine, present or registering later, gets each jar once
 * ({@code load_jars}), before any task it is sent afterwards; an engine whose host already
 * caches a jar (it says so when it registers) gets only its name and hash. Confined to the
 * loop thread.
 */
final class JarDistributor {
  /** One library. */
  private record Jar(String name, String hash, byte[] bytes) {}

  private final ControllerSockets out;
  private final Engines engines;
  private final Map<String, Jar> jars = new LinkedHashMap<>();

  JarDistributor(ControllerSockets out, Engines engines) {
    this.out = out;
    this.engines = engines;
  }

  /** {@code jar_push {name, hash, s}}: keeps the jar and sends it to every engine; answers {@code jar_push_reply}. */
  void push(Message m) throws BadMessageException {
    ObjectNode c = m.content();
    String hash = c.path("hash").asText("");
    int s = c.path("s").asInt(-1);
    if (!hash.matches("[0-9a-f]{64}") || s < 0 || s >= m.signedBuffers()) {
      throw new BadMessageException("jar_push needs a SHA-256 hash and a signed buffer");
    }
    Jar jar = jars.computeIfAbsent(hash, h -> new Jar(c.path("name").asText("library.jar"), h, m.buffers().get(s)));
    ArrayNode sent = Json.array();
    for (EngineState e : engines.all()) {
      if (send(e, jar)) {
        sent.add(e.id);
      }
    }
    ObjectNode reply = Json.object().put("status", "ok").put("hash", hash).put("jars", jars.size());
    reply.set("engines", sent);
    out.replyTo(m, MsgType.JAR_PUSH_REPLY, reply);
  }

  /** A new engine: every jar, in order, bytes only for those its host does not cache ({@code jars} of its registration). */
  void registered(EngineState e, JsonNode cached) {
    for (JsonNode h : cached) {
      e.jarsCached.add(h.asText());
    }
    for (Jar jar : jars.values()) {
      send(e, jar);
    }
  }

  int size() {
    return jars.size();
  }

  /** Tells {@code e} to load {@code jar} unless it was told already; the bytes only if its host lacks them. */
  private boolean send(EngineState e, Jar jar) {
    if (!e.jarsSent.add(jar.hash())) {
      return false;
    }
    boolean cached = e.jarsCached.contains(jar.hash());
    ObjectNode entry = Json.object().put("name", jar.name()).put("hash", jar.hash());
    List<byte[]> buffers = List.of();
    if (!cached) {
      entry.put("s", 0);
      buffers = List.of(jar.bytes());
    }
    ObjectNode content = Json.object();
    content.putArray("jars").add(entry);
    out.toEngine(e, out.session.message(MsgType.LOAD_JARS, Json.object(), content, buffers, List.of()));
    return true;
  }
}
