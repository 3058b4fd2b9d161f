package io.jparallel.kernel.wire;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Builds the kernel's messages: headers in this kernel's session, replies and IOPub messages. */
public final class Headers {
  public static final String PROTOCOL_VERSION = "5.3";

  private final String session = UUID.randomUUID().toString();

  public JsonObject header(String msgType) {
    JsonObject h = new JsonObject();
    h.addProperty("msg_id", UUID.randomUUID().toString());
    h.addProperty("session", session);
    h.addProperty("username", "kernel");
    h.addProperty("date", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
    h.addProperty("msg_type", msgType);
    h.addProperty("version", PROTOCOL_VERSION);
    return h;
  }

  /** A reply on the channel the request came from, routed back to its sender. */
  public WireMessage reply(WireMessage request, String msgType, JsonObject content) {
    return new WireMessage(request.identities(), header(msgType), request.header(), new JsonObject(), content, List.of());
  }

  /** An IOPub message; its topic is the message type. */
  public WireMessage publish(JsonObject parentHeader, String msgType, JsonObject content) {
    return new WireMessage(List.of(msgType.getBytes(java.nio.charset.StandardCharsets.UTF_8)), header(msgType),
        parentHeader == null ? new JsonObject() : parentHeader, new JsonObject(), content, List.of());
  }
}
