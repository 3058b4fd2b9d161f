package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One engine in a {@link MonitorUpdate}: where it runs, whether it is up, its tasks running,
 * queued on it and done, and how long ago the controller last heard from it.
 */
public record EngineInfo(int id, long pid, String host, String state, int running, int queued, long done,
    long lastHeartbeatMs) {
  static EngineInfo fromJson(JsonNode e) {
    return new EngineInfo(e.path("id").asInt(), e.path("pid").asLong(-1), e.path("host").asText(""),
        e.path("state").asText("up"), e.path("running").asInt(), e.path("queued").asInt(), e.path("done").asLong(),
        e.path("last_heartbeat_ms").asLong(-1));
  }
}
