package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code rc.resubmit}: finished tasks run again under new message ids (chosen by the asking
 * client, which waits for them before it asks). The kept request is signed anew with the new
 * header, metadata {@code resubmit_of} added, and routed as the original was (same target, or
 * load-balanced); the asking client gets the replies.
 */
final class Resubmission {
  private Resubmission() {}

  /** Resubmits {@code [{msg_id, new_id}]} for {@code client}; the content of the {@code resubmit_reply}. */
  static ObjectNode resubmit(JsonNode requested, byte[] client, TaskTracker tasks, ControllerSockets out) {
    ArrayNode done = Json.array();
    ObjectNode errors = Json.object();
    for (JsonNode t : requested) {
      String old = t.path("msg_id").asText("");
      String fresh = t.path("new_id").asText("");
      String why = check(old, fresh, tasks);
      if (why == null) {
        try {
          Envelope env = again(tasks.keptRequest(old), old, fresh, client, out);
          tasks.submit(ClientRequests.task(env, env.header(), client));
          done.add(old);
          continue;
        } catch (BadMessageException | RuntimeException e) {
          why = "could not resubmit it: " + e.getMessage();
        }
      }
      errors.put(old, why);
    }
    ObjectNode c = Json.object().put("status", "ok");
    c.set("resubmitted", done);
    c.set("errors", errors);
    return c;
  }

  private static String check(String old, String fresh, TaskTracker tasks) {
    if (old.isEmpty() || fresh.isEmpty()) {
      return "a resubmission needs msg_id and new_id";
    }
    if (tasks.isLive(old)) {
      return "task " + old + " has not finished: only finished tasks can be resubmitted";
    }
    if (tasks.isLive(fresh)) {
      return "message id " + fresh + " is in use";
    }
    if (tasks.keptRequest(old) == null) {
      return "the controller no longer holds the request of task " + old
          + " (unknown, purged, evicted past --result-limit, recorded before a restart, or its arguments were over"
          + " 64 KiB)";
    }
    return null;
  }

  private static Envelope again(Envelope kept, String old, String fresh, byte[] client, ControllerSockets out)
      throws BadMessageException {
    Message orig = kept.message();
    ObjectNode meta = orig.metadata().deepCopy().put("resubmit_of", old);
    Header h = orig.header();
    Header header = new Header(fresh, h.msgType(), new String(client, StandardCharsets.UTF_8), h.username(),
        Instant.now().toString(), h.version());
    Message m = new Message(List.of(client), header, orig.parent(), meta, orig.content(), orig.buffers(), orig.raw());
    return out.codec.verify(out.codec.encode(m));
  }
}
