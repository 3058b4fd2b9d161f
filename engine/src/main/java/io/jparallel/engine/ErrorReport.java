package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.jshell.Traceback;
import io.jparallel.wire.Json;
import java.util.List;

/**
 * A task failure as the client sees it: exception class (or diagnostic kind), message and
 * traceback lines ({@code java.lang.ArithmeticException: / by zero}, {@code \tat ...}: a
 * {@link Traceback}).
 */
record ErrorReport(String ename, String evalue, List<String> traceback) {
  static final String ABORTED = "TaskAbortedException";

  static ErrorReport aborted(String what) {
    return new ErrorReport(ABORTED, what, List.of());
  }

  /** A failure of shipped code ({@code apply}): the engine's and the functional interfaces' frames are ours. */
  static ErrorReport of(Throwable t) {
    List<String> lines = Traceback.of(t, c -> c.getClass().getName(),
        c -> c.startsWith("io.jparallel.engine.") || c.startsWith("io.jparallel.fn."));
    return new ErrorReport(t.getClass().getName(), String.valueOf(t.getMessage()), lines);
  }

  ObjectNode toContent(int engineId) {
    ObjectNode c = Json.object();
    c.put("status", ABORTED.equals(ename) ? "aborted" : "error");
    c.put("ename", ename);
    c.put("evalue", evalue);
    ArrayNode tb = c.putArray("traceback");
    traceback.forEach(tb::add);
    c.put("engine_id", engineId);
    return c;
  }
}
