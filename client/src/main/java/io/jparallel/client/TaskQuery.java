package io.jparallel.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which task records {@link Client#tasks} returns or {@link Client#purge(TaskQuery)} drops:
 * immutable, each method a narrowed copy.
 *
 * <pre>{@code
 * rc.tasks(TaskQuery.all().label("sweep-3").status("failed"));
 * rc.tasks(TaskQuery.all().since(Duration.ofMinutes(10)).engine(2).limit(50));
 * }</pre>
 *
 * @param statuses any of pending, running, done, failed, aborted (empty: all)
 * @param label the label, exactly, or a pattern with {@code *} and {@code ?}; null: any
 * @param since submitted at or after (null: any time)
 * @param until submitted before (null: up to now)
 * @param limit at most this many, the newest (default 1000)
 */
public record TaskQuery(Set<String> statuses, String label, Integer engine, Instant since, Instant until,
    List<String> msgIds, int limit) {
  public static final List<String> STATUSES = List.of("pending", "running", "done", "failed", "aborted");

  public TaskQuery {
    statuses = Set.copyOf(statuses);
    msgIds = List.copyOf(msgIds);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
  }

  /** Every record (the newest 1000). */
  public static TaskQuery all() {
    return new TaskQuery(Set.of(), null, null, null, null, List.of(), 1000);
  }

  /** Only records with one of these statuses (pending, running, done, failed, aborted). */
  public TaskQuery status(String... wanted) {
    Set<String> s = new LinkedHashSet<>();
    for (String w : wanted) {
      if (!STATUSES.contains(w)) {
        throw new IllegalArgumentException("unknown status '" + w + "': use one of " + String.join(", ", STATUSES));
      }
      s.add(w);
    }
    return new TaskQuery(s, label, engine, since, until, msgIds, limit);
  }

  /** Only tasks labelled so ({@code lv.label(...)}); {@code *} and {@code ?} match any text and any character. */
  public TaskQuery label(String labelOrPattern) {
    return new TaskQuery(statuses, labelOrPattern, engine, since, until, msgIds, limit);
  }

  /** Only tasks that ran (or run) on this engine. */
  public TaskQuery engine(int id) {
    return new TaskQuery(statuses, label, id, since, until, msgIds, limit);
  }

  public TaskQuery since(Instant t) {
    return new TaskQuery(statuses, label, engine, t, until, msgIds, limit);
  }

  /** Only tasks submitted within this long before now. */
  public TaskQuery since(Duration ago) {
    return since(Instant.now().minus(ago));
  }

  public TaskQuery until(Instant t) {
    return new TaskQuery(statuses, label, engine, since, t, msgIds, limit);
  }

  /** Only these tasks. */
  public TaskQuery msgIds(Collection<String> ids) {
    return new TaskQuery(statuses, label, engine, since, until, List.copyOf(ids), limit);
  }

  /** At most {@code n} records (the newest). */
  public TaskQuery limit(int n) {
    return new TaskQuery(statuses, label, engine, since, until, msgIds, n);
  }

  /** The request's form: {@code {status, label, engine, since, until, msg_ids, limit}}. */
  ObjectNode toJson() {
    ObjectNode q = Json.object();
    if (!statuses.isEmpty()) {
      ArrayNode s = q.putArray("status");
      statuses.forEach(s::add);
    }
    if (label != null) {
      q.put("label", label);
    }
    if (engine != null) {
      q.put("engine", engine);
    }
    if (since != null) {
      q.put("since", since.toString());
    }
    if (until != null) {
      q.put("until", until.toString());
    }
    if (!msgIds.isEmpty()) {
      ArrayNode a = q.putArray("msg_ids");
      msgIds.forEach(a::add);
    }
    q.put("limit", limit);
    return q;
  }
}
