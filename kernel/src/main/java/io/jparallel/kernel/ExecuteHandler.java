package io.jparallel.kernel;

import com.google.gson.JsonObject;
import io.jparallel.kernel.wire.Headers;
import io.jparallel.kernel.wire.WireMessage;
import io.jparallel.session.CellResult;
import io.jparallel.session.ErrorInfo;
import io.jparallel.session.SessionOutput;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code execute_request} as IPython answers it: {@code silent} (no IOPub output, no
 * history, count unchanged), {@code store_history}, {@code user_expressions} evaluated after
 * a successful cell, {@code execute_result} with every MIME type of the cell's value, an
 * {@code error} with the session's ename/evalue/traceback, and with {@code stop_on_error}
 * the requests already queued behind a failed cell answered {@code aborted} without running.
 */
final class ExecuteHandler {
  private final JParallelKernel kernel;
  private final IOPubPublisher iopub;
  private final Headers headers;
  private final AtomicInteger executionCount = new AtomicInteger();

  ExecuteHandler(JParallelKernel kernel, IOPubPublisher iopub, Headers headers) {
    this.kernel = kernel;
    this.iopub = iopub;
    this.headers = headers;
  }

  int executionCount() {
    return executionCount.get();
  }

  /** Runs the request; true when it failed and {@code stop_on_error} asks to abort the queue. */
  boolean execute(WireMessage request, ChannelLoop shell) {
    JsonObject c = request.content();
    String code = Json.string(c, "code", "");
    boolean silent = Json.bool(c, "silent", false);
    boolean storeHistory = !silent && Json.bool(c, "store_history", true);
    boolean stopOnError = Json.bool(c, "stop_on_error", true);
    JsonObject parent = request.header();

    int count = storeHistory ? executionCount.incrementAndGet() : executionCount.get();
    if (!silent) {
      JsonObject input = new JsonObject();
      input.addProperty("code", code);
      input.addProperty("execution_count", count);
      iopub.publish(parent, "execute_input", input);
    }
    SessionOutput out = silent ? CellOutput.SILENT : new CellOutput(iopub, parent);
    CellResult result = kernel.execute(code, out);

    JsonObject reply;
    if (result.ok()) {
      String text = result.value() == null ? null : result.value().text();
      if (!silent && result.value() != null) {
        JsonObject r = new JsonObject();
        r.addProperty("execution_count", count);
        r.add("data", CellOutput.mimeBundle(result.value().data()));
        r.add("metadata", new JsonObject());
        iopub.publish(parent, "execute_result", r);
      }
      if (storeHistory) {
        kernel.getHistoryManager().add(count, code, text);
      }
      reply = Json.ok();
      reply.addProperty("execution_count", count);
      reply.add("payload", new com.google.gson.JsonArray());
      reply.add("user_expressions", userExpressions(Json.object(c, "user_expressions")));
    } else {
      ErrorInfo e = result.error();
      if (!silent) {
        iopub.publish(parent, "error", error(e));
      }
      if (storeHistory) {
        kernel.getHistoryManager().add(count, code, null);
      }
      reply = error(e);
      reply.addProperty("status", "error");
      reply.addProperty("execution_count", count);
    }
    shell.send(headers.reply(request, "execute_reply", reply));
    return !result.ok() && stopOnError;
  }

  /** The reply to an execute request that was not run because an earlier cell failed. */
  void abort(WireMessage request, ChannelLoop shell) {
    JsonObject reply = new JsonObject();
    reply.addProperty("status", "aborted");
    reply.addProperty("execution_count", executionCount.get());
    shell.send(headers.reply(request, "execute_reply", reply));
  }

  private JsonObject userExpressions(JsonObject expressions) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, com.google.gson.JsonElement> e : expressions.entrySet()) {
      JsonObject value;
      String expr = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString();
      try {
        value = Json.ok();
        value.add("data", CellOutput.mimeBundle(kernel.evaluate(expr).data()));
        value.add("metadata", new JsonObject());
      } catch (CellFailedException ex) {
        value = error(ex.error());
        value.addProperty("status", "error");
      }
      out.add(e.getKey(), value);
    }
    return out;
  }

  static JsonObject error(ErrorInfo e) {
    JsonObject c = new JsonObject();
    c.addProperty("ename", e.ename() == null ? "Error" : e.ename());
    c.addProperty("evalue", e.evalue() == null ? "" : e.evalue());
    c.add("traceback", Json.strings(e.traceback().isEmpty() ? java.util.List.of(e.headline()) : e.traceback()));
    return c;
  }
}
