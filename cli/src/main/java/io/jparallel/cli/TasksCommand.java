package io.jparallel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jparallel.client.Client;
import io.jparallel.client.TaskInfo;
import io.jparallel.client.TaskQuery;
import io.jparallel.wire.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jpar tasks}: the task records of a running cluster, as a table or JSON. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
    description = "List the task records of a running cluster (newest last), as a table or JSON.")
final class TasksCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  @Mixin
  ProfileOptions profile;

  @Option(names = "--connect", description = "the cluster of this client connection file (default: the profile's newest)")
  Path connect;

  @Option(names = "--status", split = ",", description = "only these: pending, running, done, failed, aborted")
  List<String> status = new ArrayList<>();

  @Option(names = "--since", description = "only tasks submitted this long ago or later (30s, 10m, 2h, 1d, 1h30m) or since an"
      + " ISO-8601 instant")
  String since;

  @Option(names = "--label", description = "only tasks with this label (* and ? match any text, any character)")
  String label;

  @Option(names = "--engine", description = "only tasks of this engine")
  Integer engine;

  @Option(names = "--limit", defaultValue = "1000", description = "at most this many, the newest (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON (an array of records) instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TaskQuery q = TaskQuery.all().limit(limit);
    if (!status.isEmpty()) {
      q = q.status(status.toArray(String[]::new));
    }
    if (since != null) {
      q = q.since(since(since, Instant.now()));
    }
    if (label != null) {
      q = q.label(label);
    }
    if (engine != null) {
      q = q.engine(engine);
    }
    List<TaskInfo> tasks;
    try (Client rc = Client.connect(connect != null ? connect : profile.clientFile())) {
      tasks = rc.tasks(q);
    }
    System.out.print(json ? json(tasks) : table(tasks));
    return 0;
  }

  /** {@code 10m}, {@code 1h30m}, {@code 45s}, {@code 2d} before {@code now}, or an ISO-8601 instant. */
  static Instant since(String s, Instant now) {
    Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(s.trim());
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (end > 0 && end == s.trim().length()) {
      return now.minus(d);
    }
    try {
      return Instant.parse(s.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--since '" + s + "' is neither a duration (30s, 10m, 2h, 1d) nor an ISO-8601 instant");
    }
  }

  static String json(List<TaskInfo> tasks) {
    ArrayNode a = Json.array();
    tasks.forEach(t -> a.add(t.toJson()));
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(a) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String table(List<TaskInfo> tasks) {
    if (tasks.isEmpty()) {
      return "no task records match\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"MSG_ID", "LABEL", "STATUS", "ENGINE", "SUBMITTED", "RUN", "RESULT", "ERROR"});
    Map<String, Integer> counts = new TreeMap<>();
    for (TaskInfo t : tasks) {
      counts.merge(t.status(), 1, Integer::sum);
      Duration run = t.runTime();
      String err = t.ename() == null ? "" : t.ename() + (t.evalue() == null || t.evalue().isEmpty() ? "" : ": " + t.evalue());
      rows.add(new String[] {t.msgId(), t.label() == null ? "" : t.label(), t.status(),
          t.engineId() == null ? "" : t.engineId().toString(), t.submitted() == null ? "" : TIME.format(t.submitted()),
          run == null ? "" : millis(run), t.resultSize() == null ? "" : bytes(t.resultSize()),
          err.length() > 70 ? err.substring(0, 67) + "..." : err});
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == r.length - 1 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
      }
      sb.setLength(sb.toString().stripTrailing().length());
      sb.append('\n');
    }
    sb.append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks");
    StringBuilder parts = new StringBuilder();
    counts.forEach((k, v) -> parts.append(parts.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    sb.append(" (").append(parts).append(")\n");
    return sb.toString();
  }

  private static String millis(Duration d) {
    double ms = d.toNanos() / 1e6;
    if (ms < 1) {
      return String.format("%.0f µs", ms * 1000);
    }
    return ms < 10 ? String.format("%.2f ms", ms) : ms < 10_000 ? String.format("%.0f ms", ms) : String.format("%.1f s", ms / 1000);
  }

  private static String bytes(long n) {
    return n < 1024 ? n + " B" : n < 1 << 20 ? String.format("%.1f KiB", n / 1024.0) : String.format("%.1f MiB", n / 1048576.0);
  }
}
