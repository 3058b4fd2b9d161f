package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's record as the controller keeps it ({@link Client#tasks}, the dashboard): who sent
 * it, where it ran, its status (pending, running, done, failed, aborted), its times, what it
 * printed (capped), how it failed, and its result's size in bytes (null before it finished).
 *
 * @param stamps every known time of the task by name, in hop order ({@link #STAMP_ORDER};
 *     unknown names after, by time): {@link #hops()} is the time between consecutive ones
 */
public record TaskInfo(
    String msgId,
    String kind,
    String client,
    String label,
    String status,
    Integer engineId,
    Integer target,
    Map<String, Instant> stamps,
    Long resultSize,
    String stdout,
    String stderr,
    String ename,
    String evalue,
    List<String> traceback,
    String resubmitOf) {

  /**
   * The order of a task's hops. The controller stamps submitted (it got the task),
   * dispatched (sent to an engine) and received (the reply came back); engines stamp started
   * and completed. The other names are the places more timestamps slot in (a client's send
   * and receipt, an engine's receipt and send), where a peer adds them to a message's
   * {@code stamps} metadata.
   */
  public static final List<String> STAMP_ORDER = List.of("client_sent", "submitted", "dispatched", "engine_received",
      "started", "completed", "engine_sent", "received", "client_received");

  /** The time between two consecutive stamps of a task. */
  public record Hop(String from, String to, Duration duration) {
    /** What a person calls this hop. */
    public String label() {
      return switch (from + ">" + to) {
        case "submitted>dispatched" -> "waiting in the controller";
        case "dispatched>started" -> "to the engine, queued there";
        case "started>completed" -> "running";
        case "completed>received" -> "reply to the controller";
        default -> from + " to " + to;
      };
    }
  }

  public TaskInfo {
    stamps = Collections.unmodifiableMap(new LinkedHashMap<>(stamps));
    traceback = List.copyOf(traceback);
  }

  public Instant submitted() {
    return stamps.get("submitted");
  }

  public Instant started() {
    return stamps.get("started");
  }

  public Instant completed() {
    return stamps.get("completed");
  }

  public Instant received() {
    return stamps.get("received");
  }

  /** How long it ran on its engine, or null when it has not finished there. */
  public Duration runTime() {
    Instant s = started();
    Instant c = completed();
    return s == null || c == null ? null : Duration.between(s, c);
  }

  /** The time between each pair of consecutive stamps, in order. */
  public List<Hop> hops() {
    List<Hop> out = new ArrayList<>();
    Map.Entry<String, Instant> prev = null;
    for (Map.Entry<String, Instant> e : stamps.entrySet()) {
      if (prev != null) {
        out.add(new Hop(prev.getKey(), e.getKey(), Duration.between(prev.getValue(), e.getValue())));
      }
      prev = e;
    }
    return out;
  }

  public boolean finished() {
    return !"pending".equals(status) && !"running".equals(status);
  }

  /** The record as {@code tasks_reply} has it (what {@code jpar tasks --json} prints). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("msg_id", msgId).put("kind", kind).put("client", client).put("label", label)
        .put("status", status).put("engine", engineId).put("target", target);
    ObjectNode s = Json.object();
    stamps.forEach((k, v) -> s.put(k, v.toString()));
    for (String k : new String[] {"submitted", "dispatched", "started", "completed", "received"}) {
      o.put(k, stamps.containsKey(k) ? stamps.get(k).toString() : null);
    }
    o.set("stamps", s);
    o.put("result_size", resultSize).put("stdout", stdout).put("stderr", stderr);
    if (ename != null) {
      ObjectNode err = o.putObject("error").put("ename", ename).put("evalue", evalue);
      ArrayNode tb = err.putArray("traceback");
      traceback.forEach(tb::add);
    } else {
      o.putNull("error");
    }
    return o.put("resubmit_of", resubmitOf);
  }

  /** Reads a record of {@code tasks_reply} or {@code monitor_event}. */
  static TaskInfo fromJson(JsonNode t) {
    Map<String, Instant> found = new LinkedHashMap<>();
    t.path("stamps").fields().forEachRemaining(e -> {
      Instant at = instant(e.getValue());
      if (at != null) {
        found.put(e.getKey(), at);
      }
    });
    List<Map.Entry<String, Instant>> ordered = new ArrayList<>(found.entrySet());
    ordered.sort(Comparator.comparingInt((Map.Entry<String, Instant> e) -> {
      int i = STAMP_ORDER.indexOf(e.getKey());
      return i < 0 ? STAMP_ORDER.size() : i;
    }).thenComparing(Map.Entry::getValue));
    Map<String, Instant> stamps = new LinkedHashMap<>();
    ordered.forEach(e -> stamps.put(e.getKey(), e.getValue()));
    JsonNode err = t.path("error");
    List<String> tb = new ArrayList<>();
    err.path("traceback").forEach(n -> tb.add(n.asText()));
    return new TaskInfo(t.path("msg_id").asText(), text(t, "kind"), text(t, "client"), text(t, "label"),
        t.path("status").asText(), integer(t, "engine"), integer(t, "target"), stamps,
        t.hasNonNull("result_size") ? t.get("result_size").asLong() : null, t.path("stdout").asText(""),
        t.path("stderr").asText(""), err.isObject() ? err.path("ename").asText() : null,
        err.isObject() ? err.path("evalue").asText("") : null, tb, text(t, "resubmit_of"));
  }

  private static String text(JsonNode t, String field) {
    return t.hasNonNull(field) ? t.get(field).asText() : null;
  }

  private static Integer integer(JsonNode t, String field) {
    return t.hasNonNull(field) && t.get(field).asInt(-1) >= 0 ? t.get(field).asInt() : null;
  }

  private static Instant instant(JsonNode v) {
    if (v == null || !v.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
