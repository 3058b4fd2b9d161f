package io.jparallel.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.session.CellResult;
import io.jparallel.session.ErrorInfo;
import io.jparallel.session.Session;
import io.jparallel.session.SessionOutput;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code execute_request} as IPython answers it: {@code silent} (no IOPub output, no
 * history, count unchanged), {@code store_history}, {@code user_expressions} evaluated after
 * a successful cell, {@code execute_result} with every MIME type of the cell's value, an
 * {@code error} with the session's ename/evalue/traceback, and with {@code stop_on_error}
 * the requests already queued behind a failed cell answered {@code aborted} without running;
 * {@code exit} / {@code quit} / {@code /exit} answered with IPython's {@code ask_exit} payload.
 */
final class ExecuteHandler {
  private final JParallelKernel kernel;
  private final IOPubPublisher iopub;
  private final MessageFactory messages;
  private final AtomicInteger executionCount = new AtomicInteger();

  ExecuteHandler(JParallelKernel kernel, IOPubPublisher iopub, MessageFactory messages) {
    this.kernel = kernel;
    this.iopub = iopub;
    this.messages = messages;
  }

  int executionCount() {
    return executionCount.get();
  }

  /**
   * Runs the request. When it failed and {@code stop_on_error} asks to abort the queue, the
   * requests already queued are taken off the socket into {@code queuedBehind} before the
   * failure is answered, so a request a client sends after seeing that answer is not among
   * them; returns whether that happened.
   */
  boolean execute(Message request, ChannelLoop shell, List<Message> queuedBehind) {
    ObjectNode c = request.content();
    String code = Json.text(c, "code", "");
    boolean silent = Json.bool(c, "silent", false);
    boolean storeHistory = !silent && Json.bool(c, "store_history", true);
    boolean stopOnError = Json.bool(c, "stop_on_error", true);
    Header parent = request.header();

    int count = storeHistory ? executionCount.incrementAndGet() : executionCount.get();
    if (!silent) {
      iopub.publish(parent, "execute_input", Json.object().put("code", code).put("execution_count", count));
    }
    if (Session.isExit(code)) { // exit, quit, /exit: as IPython, ask the front end (jupyter console) to leave
      if (storeHistory) {
        kernel.getHistoryManager().add(count, code, null);
      }
      ObjectNode reply = RequestRouter.ok().put("execution_count", count);
      reply.putArray("payload").addObject().put("source", "ask_exit").put("keepkernel", false);
      reply.putObject("user_expressions");
      shell.send(messages.reply(request, "execute_reply", reply));
      return false;
    }
    SessionOutput out = silent ? CellOutput.SILENT : new CellOutput(iopub, parent);
    CellResult result = kernel.execute(code, out);

    ObjectNode reply;
    if (result.ok()) {
      String text = result.value() == null ? null : result.value().text();
      if (!silent && result.value() != null) {
        ObjectNode r = Json.object().put("execution_count", count);
        r.set("data", CellOutput.mimeBundle(result.value().data()));
        r.putObject("metadata");
        iopub.publish(parent, "execute_result", r);
      }
      if (storeHistory) {
        kernel.getHistoryManager().add(count, code, text);
      }
      reply = RequestRouter.ok().put("execution_count", count);
      reply.putArray("payload");
      reply.set("user_expressions", userExpressions(Json.object(c, "user_expressions")));
    } else {
      ErrorInfo e = result.error();
      if (!silent) {
        iopub.publish(parent, "error", error(e));
      }
      if (storeHistory) {
        kernel.getHistoryManager().add(count, code, null);
      }
      reply = error(e).put("status", "error").put("execution_count", count);
    }
    boolean abortQueue = !result.ok() && stopOnError;
    if (abortQueue) {
      for (var next = shell.pollArrived(); next.isPresent(); next = shell.pollArrived()) {
        queuedBehind.add(next.get());
      }
    }
    shell.send(messages.reply(request, "execute_reply", reply));
    return abortQueue;
  }

  /** The reply to an execute request that was not run because an earlier cell failed. */
  void abort(Message request, ChannelLoop shell) {
    ObjectNode reply = Json.object().put("status", "aborted").put("execution_count", executionCount.get());
    shell.send(messages.reply(request, "execute_reply", reply));
  }

  private ObjectNode userExpressions(ObjectNode expressions) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> e : expressions.properties()) {
      ObjectNode value;
      String expr = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
      try {
        value = RequestRouter.ok();
        value.set("data", CellOutput.mimeBundle(kernel.evaluate(expr).data()));
        value.putObject("metadata");
      } catch (CellFailedException ex) {
        value = error(ex.error()).put("status", "error");
      }
      out.set(e.getKey(), value);
    }
    return out;
  }

  static ObjectNode error(ErrorInfo e) {
    ObjectNode c = Json.object();
    c.put("ename", e.ename() == null ? "Error" : e.ename());
    c.put("evalue", e.evalue() == null ? "" : e.evalue());
    ArrayNode tb = c.putArray("traceback");
    e.lines().forEach(tb::add);
    return c;
  }
}
