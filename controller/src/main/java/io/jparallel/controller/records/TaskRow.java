package io.jparallel.controller.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One task record as stored: who sent it, where it ran, its status, its times (epoch
 * microseconds, 0 when not reached), what it printed (capped) and how it failed. {@link #toJson}
 * is its form on the wire ({@code tasks_reply}) and in {@code jpar tasks --json}.
 *
 * @param stamps extra named times beyond the five columns (JSON object of name to micros, or
 *     null): per-hop timestamps that engines or clients add to a task's metadata slot in here
 */
public record TaskRow(
    String msgId,
    String kind,
    String client,
    String label,
    String status,
    Integer engine,
    Integer target,
    long submitted,
    long dispatched,
    long started,
    long completed,
    long received,
    long resultSize,
    String stdout,
    String stderr,
    String ename,
    String evalue,
    String traceback,
    String resubmitOf,
    String stamps) {

  /** The statuses a record can have. */
  public static final java.util.List<String> STATUSES = java.util.List.of("pending", "running", "done", "failed", "aborted");

  /** Every known time of the task by name, in hop order (the five columns, then the extra stamps). */
  public ObjectNode stampsJson() {
    ObjectNode s = Json.object();
    put(s, "submitted", submitted);
    put(s, "dispatched", dispatched);
    put(s, "started", started);
    put(s, "completed", completed);
    put(s, "received", received);
    if (stamps != null && !stamps.isEmpty()) {
      try {
        JsonNode extra = Json.tree(stamps.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!s.has(e.getKey())) {
            put(s, e.getKey(), e.getValue().asLong());
          }
        }
      } catch (IOException e) {
        // a damaged column loses its extra stamps only
      }
    }
    return s;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("msg_id", msgId).put("kind", kind).put("client", client).put("label", label)
        .put("status", status).put("engine", engine).put("target", target);
    ObjectNode s = stampsJson();
    for (String name : new String[] {"submitted", "dispatched", "started", "completed", "received"}) {
      o.set(name, s.path(name).isMissingNode() ? null : s.get(name));
    }
    o.set("stamps", s);
    if (resultSize >= 0) {
      o.put("result_size", resultSize);
    } else {
      o.putNull("result_size");
    }
    o.put("stdout", stdout == null ? "" : stdout).put("stderr", stderr == null ? "" : stderr);
    if (ename != null) {
      ObjectNode err = o.putObject("error").put("ename", ename).put("evalue", evalue == null ? "" : evalue);
      ArrayNode tb = err.putArray("traceback");
      if (traceback != null && !traceback.isEmpty()) {
        for (String line : traceback.split("\n", -1)) {
          tb.add(line);
        }
      }
    } else {
      o.putNull("error");
    }
    o.put("resubmit_of", resubmitOf);
    return o;
  }

  private static void put(ObjectNode s, String name, long micros) {
    if (micros > 0) {
      s.put(name, Micros.instant(micros).toString());
    }
  }
}
