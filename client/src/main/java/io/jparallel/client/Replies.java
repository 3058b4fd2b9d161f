package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.jshell.VariableInfo;
import io.jparallel.serialize.PayloadReader;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads task replies: values out of them, or the failure they report as an exception. */
final class Replies {
  private Replies() {}

  /** Throws the exception a failed reply stands for. */
  static void raiseIfFailed(Message reply, PendingTask t) {
    ObjectNode c = reply.content();
    String status = c.path("status").asText("ok");
    if ("ok".equals(status)) {
      return;
    }
    int engine = c.path("engine_id").asInt(reply.metadata().path("engine_id").asInt(t.target));
    String ename = c.path("ename").asText("Error");
    String evalue = c.path("evalue").asText("");
    if ("aborted".equals(status) || "TaskAbortedException".equals(ename)) {
      throw new TaskAbortedException("[" + engine + ":" + t.kind + "] " + (evalue.isEmpty() ? "task aborted" : evalue));
    }
    switch (ename) {
      case "EngineDiedException":
        throw new EngineDiedException(engine, "[" + engine + ":" + t.kind + "] " + evalue);
      case "TaskTimeoutException":
        throw new TaskTimeoutException("[" + engine + ":" + t.kind + "] " + evalue);
      default:
        StringBuilder trace = new StringBuilder();
        for (JsonNode line : c.path("traceback")) {
          if (trace.length() > 0) {
            trace.append('\n');
          }
          trace.append(line.asText());
        }
        throw new RemoteException(engine, t.kind, ename, evalue, trace.toString());
    }
  }

  /**
   * The value of a reply of any kind ({@code rc.result}, {@code rc.resubmit}, which do not know
   * what they fetch): an apply's value, an {@link ExecuteResult}, a pull's map of values.
   */
  static Object anyValue(Message reply, PendingTask t, ClassLoader loader) throws IOException {
    String type = reply.type();
    t.kind = type.endsWith("_reply") ? type.substring(0, type.length() - "_reply".length()) : type;
    return switch (type) {
      case MsgType.APPLY_REPLY -> applyValue(reply, t, loader);
      case MsgType.EXECUTE_REPLY -> executeResult(reply, t, loader);
      case MsgType.NS_REPLY -> pulled(reply, t, loader);
      default -> {
        raiseIfFailed(reply, t);
        yield null;
      }
    };
  }

  static Object applyValue(Message reply, PendingTask t, ClassLoader loader) throws IOException {
    raiseIfFailed(reply, t);
    return reader(reply, loader).read(reply.content().path("result"));
  }

  static ExecuteResult executeResult(Message reply, PendingTask t, ClassLoader loader) throws IOException {
    raiseIfFailed(reply, t);
    ObjectNode c = reply.content();
    int engine = reply.metadata().path("engine_id").asInt(t.target);
    JsonNode text = c.path("data").get("text/plain");
    Object value = null;
    if (c.hasNonNull("value")) {
      try {
        value = reader(reply, loader).read(c.get("value"));
      } catch (IOException e) {
        value = null; // the text is what a user sees; a value of a class not known here stays remote
      }
    }
    return new ExecuteResult(engine, c.path("execution_count").asInt(0), text == null || text.isNull() ? null : text.asText(),
        value, t.stdout(), t.stderr());
  }

  static Map<String, Object> pulled(Message reply, PendingTask t, ClassLoader loader) throws IOException {
    raiseIfFailed(reply, t);
    Map<String, Object> out = new LinkedHashMap<>();
    PayloadReader r = reader(reply, loader);
    for (Iterator<Map.Entry<String, JsonNode>> it = reply.content().path("values").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), r.read(e.getValue()));
    }
    return out;
  }

  static List<VariableInfo> variables(Message reply, PendingTask t) {
    raiseIfFailed(reply, t);
    List<VariableInfo> out = new ArrayList<>();
    for (JsonNode v : reply.content().path("variables")) {
      out.add(new VariableInfo(v.path("name").asText(), v.path("type").asText(), v.path("value").asText()));
    }
    return List.copyOf(out);
  }

  private static PayloadReader reader(Message reply, ClassLoader loader) {
    return new PayloadReader(reply.buffers(), reply.raw(), loader);
  }
}
