package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the controller's monitor feed says every 250 ms ({@link Client#monitor}): every live
 * engine now, the tasks finished since the last update (at most 500 of them; {@code sampledOut}
 * counts those left out since the subscription began), engines that joined or died, and
 * tasks waiting for an engine.
 */
public record MonitorUpdate(Instant at, List<EngineInfo> engines, List<TaskInfo> finished, List<EngineChange> changes,
    int unassigned, long sampledOut) {

  /** An engine came up ({@code up}) or died ({@code dead}, with the reason). */
  public record EngineChange(int id, long pid, String host, String state, String why, Instant at) {}

  static MonitorUpdate fromJson(JsonNode c) {
    List<EngineInfo> engines = new ArrayList<>();
    c.path("engines").forEach(e -> engines.add(EngineInfo.fromJson(e)));
    List<TaskInfo> tasks = new ArrayList<>();
    List<EngineChange> changes = new ArrayList<>();
    for (JsonNode ev : c.path("events")) {
      if ("task".equals(ev.path("t").asText())) {
        tasks.add(TaskInfo.fromJson(ev));
      } else if ("engine".equals(ev.path("t").asText())) {
        changes.add(new EngineChange(ev.path("id").asInt(), ev.path("pid").asLong(-1), ev.path("host").asText(""),
            ev.path("state").asText(), ev.path("why").asText(""), instant(ev.path("at").asText(null))));
      }
    }
    return new MonitorUpdate(instant(c.path("at").asText(null)), List.copyOf(engines), List.copyOf(tasks),
        List.copyOf(changes), c.path("unassigned").asInt(), c.path("sampled_out").asLong());
  }

  private static Instant instant(String s) {
    try {
      return s == null ? Instant.now() : Instant.parse(s);
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }
}
