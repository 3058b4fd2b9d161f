package io.jparallel.controller.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which records a query or a purge means: by status, label ({@code *} and {@code ?} as
 * wildcards), engine, submission time range and message ids; at most {@code limit} of the
 * newest. Read from a request's JSON ({@code tasks_request}, {@code purge_request}).
 */
public record TaskFilter(List<String> statuses, String label, Integer engine, long sinceUs, long untilUs,
    List<String> msgIds, int limit) {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_IDS = 10_000;

  public static final TaskFilter ALL = new TaskFilter(List.of(), null, null, 0, 0, List.of(), Integer.MAX_VALUE);

  /** Reads {@code {status:[..], label, engine, since, until (ISO instants), msg_ids:[..], limit}}. */
  public static TaskFilter fromJson(JsonNode q) {
    List<String> statuses = new ArrayList<>();
    JsonNode st = q.path("status");
    if (st.isTextual()) {
      statuses.add(status(st.asText()));
    } else {
      st.forEach(n -> statuses.add(status(n.asText())));
    }
    List<String> ids = new ArrayList<>();
    q.path("msg_ids").forEach(n -> ids.add(n.asText()));
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("at most " + MAX_IDS + " message ids per request, not " + ids.size());
    }
    String label = q.hasNonNull("label") ? q.get("label").asText() : null;
    Integer engine = q.hasNonNull("engine") ? q.get("engine").asInt() : null;
    int limit = q.path("limit").asInt(DEFAULT_LIMIT);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
    return new TaskFilter(List.copyOf(statuses), label, engine, time(q, "since"), time(q, "until"), List.copyOf(ids), limit);
  }

  private static String status(String s) {
    if (!TaskRow.STATUSES.contains(s)) {
      throw new IllegalArgumentException("unknown status '" + s + "': use one of " + String.join(", ", TaskRow.STATUSES));
    }
    return s;
  }

  private static long time(JsonNode q, String field) {
    if (!q.hasNonNull(field)) {
      return 0;
    }
    long us = Micros.parse(q.get(field).asText());
    if (us == 0) {
      throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + q.get(field).asText());
    }
    return us;
  }

  /** The SQL condition (without WHERE) for these criteria; appends its parameters to {@code args}. */
  String where(List<Object> args) {
    StringBuilder w = new StringBuilder("1=1");
    if (!statuses.isEmpty()) {
      w.append(" AND status IN (").append("?,".repeat(statuses.size() - 1)).append("?)");
      args.addAll(statuses);
    }
    if (label != null) {
      boolean glob = label.indexOf('*') >= 0 || label.indexOf('?') >= 0;
      w.append(glob ? " AND label GLOB ?" : " AND label = ?");
      args.add(label);
    }
    if (engine != null) {
      w.append(" AND engine = ?");
      args.add(engine);
    }
    if (sinceUs > 0) {
      w.append(" AND submitted >= ?");
      args.add(sinceUs);
    }
    if (untilUs > 0) {
      w.append(" AND submitted < ?");
      args.add(untilUs);
    }
    if (!msgIds.isEmpty()) {
      w.append(" AND msg_id IN (").append("?,".repeat(msgIds.size() - 1)).append("?)");
      args.addAll(msgIds);
    }
    return w.toString();
  }
}
