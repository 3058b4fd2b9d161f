package io.jparallel.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message: ZeroMQ routing identities, the four JSON parts and the raw buffers.
 * The JSON objects are owned by the message; do not change them after sending.
 */
public record WireMessage(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
    JsonObject content, List<byte[]> buffers) {
  public WireMessage {
    identities = List.copyOf(identities);
    buffers = List.copyOf(buffers);
  }

  public String msgType() {
    return string(header, "msg_type");
  }

  public String msgId() {
    return string(header, "msg_id");
  }

  /** The client session that sent it. */
  public String session() {
    return string(header, "session");
  }

  static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
  }
}
