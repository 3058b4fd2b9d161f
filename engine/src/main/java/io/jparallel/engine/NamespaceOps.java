package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.jshell.VariableInfo;
import io.jparallel.serialize.PayloadReader;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import jdk.jshell.VarSnippet;

/**
 * {@code namespace_request}: push values into, pull them out of, and list the engine JShell's
 * variables (the ones {@code execute_request} code sees). A pushed value is set directly
 * on an existing variable whose type accepts it; otherwise a variable typed by the value's
 * runtime class (or its nearest public type) is declared first.
 */
final class NamespaceOps {
  private final EngineShell shell;

  NamespaceOps(EngineShell shell) {
    this.shell = shell;
  }

  TaskResult run(Message m, int engineId) throws Exception {
    ObjectNode content = m.content();
    String op = content.path("op").asText("");
    return switch (op) {
      case "push" -> push(m, engineId);
      case "pull" -> pull(content, engineId);
      case "list" -> list();
      default -> TaskResult.of(new ErrorReport("IllegalArgumentException",
          "unknown namespace op '" + op + "' (push, pull or list)", List.of()).toContent(engineId));
    };
  }

  private TaskResult push(Message m, int engineId) throws Exception {
    PayloadReader reader = new PayloadReader(m.buffers(), m.raw(), shell.loader());
    JsonNode values = m.content().path("values");
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (!SourceVersion.isName(name) || name.contains(".")) {
        return TaskResult.of(new ErrorReport("IllegalArgumentException",
            "'" + name + "' is not a valid Java variable name", List.of()).toContent(engineId));
      }
      set(name, reader.read(e.getValue()));
    }
    return TaskResult.of(Json.object().put("status", "ok"));
  }

  private void set(String name, Object value) throws ReflectiveOperationException {
    Optional<VarSnippet> existing = shell.variable(name);
    if (existing.isPresent()) {
      Field f = shell.field(existing.get());
      if (accepts(f.getType(), value)) {
        f.set(null, value);
        return;
      }
    }
    Field f = shell.field(shell.declare(shell.types().declaredType(value), name));
    if (!accepts(f.getType(), value)) { // e.g. an instance of an older version of a REPL class
      f = shell.field(shell.declare("Object", name));
    }
    f.set(null, value);
  }

  private static boolean accepts(Class<?> type, Object value) {
    if (type.isPrimitive()) {
      return value != null && wrapper(type).isInstance(value);
    }
    return value == null || type.isInstance(value);
  }

  private static Class<?> wrapper(Class<?> p) {
    return java.lang.invoke.MethodType.methodType(p).wrap().returnType();
  }

  /** The engine's variables as {@code /vars} shows them (for {@code %px %who}): name, type, value text. */
  private TaskResult list() {
    ObjectNode reply = Json.object().put("status", "ok");
    com.fasterxml.jackson.databind.node.ArrayNode vars = reply.putArray("variables");
    for (VariableInfo v : shell.variables()) {
      vars.addObject().put("name", v.name()).put("type", v.type()).put("value", v.value());
    }
    return TaskResult.of(reply);
  }

  /** What {@code Ref.of(name).get()} gives on this engine: the variable's object. */
  static Object refValue(EngineShell shell, String name, int engineId) {
    Optional<VarSnippet> v;
    synchronized (shell) { // a task's own threads may ask at once
      v = shell.variable(name);
    }
    if (v.isEmpty()) {
      throw new java.util.NoSuchElementException("name '" + name + "' is not defined on engine " + engineId
          + " (dv.push or dv.scatter defines it)");
    }
    try {
      return shell.read(v.get());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read variable " + name + " on engine " + engineId + ": " + e, e);
    }
  }

  private TaskResult pull(ObjectNode content, int engineId) throws ReflectiveOperationException {
    PayloadWriter writer = PayloadWriter.pooled(); // EngineIo recycles it once the controller acknowledges the reply
    ObjectNode reply = Json.object().put("status", "ok");
    ObjectNode values = reply.putObject("values");
    for (JsonNode n : content.path("names")) {
      String name = n.asText();
      Optional<VarSnippet> v = shell.variable(name);
      if (v.isEmpty()) {
        String msg = "name '" + name + "' is not defined on engine " + engineId;
        return TaskResult.of(new ErrorReport("NameError", msg, List.of("NameError: " + msg)).toContent(engineId));
      }
      try {
        values.set(name, writer.write(shell.read(v.get()), "variable " + name));
      } catch (IllegalArgumentException e) {
        return TaskResult.of(new ErrorReport("java.io.NotSerializableException", e.getMessage(),
            List.of("java.io.NotSerializableException: " + e.getMessage())).toContent(engineId));
      }
    }
    return new TaskResult(reply, writer.buffers(), writer.raw());
  }
}
