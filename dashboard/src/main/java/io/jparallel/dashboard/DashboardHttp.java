package io.jparallel.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.client.Client;
import io.jparallel.client.TaskInfo;
import io.jparallel.client.TaskQuery;
import io.jparallel.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The dashboard's routes (Jetty does the HTTP): {@code /} the page, {@code /static/*} its
 * script, style and chart library, {@code /events} the live stream, {@code /api/state} the
 * state as JSON, {@code /api/tasks} a search of the task records. Every one of them wants the
 * token; without it the answer is 403 and a line saying so, nothing of the cluster.
 */
final class DashboardHttp extends Handler.Abstract {
  private static final String STATIC = "io/jparallel/dashboard/static/";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/";
  /** Files served under /static/: name to (resource, content type). */
  private static final Map<String, String[]> FILES = Map.of(
      "app.js", new String[] {STATIC + "app.js", "text/javascript; charset=utf-8"},
      "app.css", new String[] {STATIC + "app.css", "text/css; charset=utf-8"},
      "uPlot.iife.min.js", new String[] {UPLOT + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "uPlot.min.css", new String[] {UPLOT + "dist/uPlot.min.css", "text/css; charset=utf-8"},
      "uPlot.LICENSE", new String[] {UPLOT + "LICENSE", "text/plain; charset=utf-8"});

  private final AccessToken token;
  private final DashboardState state;
  private final EventStream events;
  private final Supplier<Client> client;

  DashboardHttp(AccessToken token, DashboardState state, EventStream events, Supplier<Client> client) {
    this.token = token;
    this.state = state;
    this.events = events;
    this.client = client;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Fields query = Request.extractQueryParameters(request);
    if (!token.matches(query.getValue("token"))) {
      send(response, callback, HttpStatus.FORBIDDEN_403, "text/plain; charset=utf-8",
          "403 Forbidden: this dashboard needs its token; open the URL that jpar dashboard (or %dashboard) printed\n");
      return true;
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/", "/index.html" -> send(response, callback, 200, "text/html; charset=utf-8", page());
      case "/events" -> {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        events.open(response, callback);
      }
      case "/api/state" -> send(response, callback, 200, "application/json", state.json(0).toString());
      case "/api/tasks" -> send(response, callback, 200, "application/json", tasks(query));
      default -> {
        String[] file = path.startsWith("/static/") ? FILES.get(path.substring("/static/".length())) : null;
        if (file == null) {
          send(response, callback, 404, "text/plain; charset=utf-8", "404 Not Found: " + path + "\n");
        } else {
          send(response, callback, 200, file[1], resource(file[0]));
        }
      }
    }
    return true;
  }

  /** The page, with the token in it for the requests its script makes. */
  private String page() throws IOException {
    return new String(resource(STATIC + "index.html"), StandardCharsets.UTF_8)
        .replace("{{token}}", token.value());
  }

  /** {@code /api/tasks?label=&status=&limit=}: the records, newest first. */
  private String tasks(Fields q) {
    ObjectNode out = Json.object();
    try {
      TaskQuery query = TaskQuery.all().limit(Math.min(1000, Math.max(1, parse(q.getValue("limit"), 200))));
      String label = q.getValue("label");
      if (label != null && !label.isBlank()) {
        String l = label.strip();
        query = query.label(l.contains("*") || l.contains("?") ? l : "*" + l + "*");
      }
      String status = q.getValue("status");
      if (status != null && !status.isBlank()) {
        query = query.status(status.strip());
      }
      ArrayNode list = out.putArray("tasks");
      var found = client.get().tasks(query);
      for (int i = found.size() - 1; i >= 0; i--) {
        TaskInfo t = found.get(i);
        Duration run = t.runTime();
        ObjectNode o = list.addObject().put("id", t.msgId()).put("label", t.label()).put("status", t.status())
            .put("engine", t.engineId()).put("kind", t.kind())
            .put("submitted", t.submitted() == null ? null : t.submitted().toString())
            .put("run_ms", run == null ? null : run.toNanos() / 1e6).put("result_size", t.resultSize())
            .put("error", t.ename() == null ? null : t.ename() + ": " + t.evalue());
        o.put("resubmit_of", t.resubmitOf());
      }
    } catch (RuntimeException e) {
      out.put("error", e.getMessage());
    }
    return out.toString();
  }

  private static int parse(String s, int otherwise) {
    try {
      return s == null ? otherwise : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DashboardHttp.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return in.readAllBytes();
    }
  }

  private static void send(Response response, Callback callback, int status, String type, String body) {
    send(response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

}
