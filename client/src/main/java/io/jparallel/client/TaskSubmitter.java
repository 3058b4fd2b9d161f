package io.jparallel.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.client.shipping.ClassFile;
import io.jparallel.client.shipping.FunctionShipper;
import io.jparallel.client.shipping.ShippedFunction;
import io.jparallel.client.shipping.StaticValue;
import io.jparallel.fn.Invocable;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.serialize.SafeObjectInput;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.TaskTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds, signs and queues task messages: the submit hot path. Lambdas are shipped once
 * (their classes go to the controller in a {@code class_push} the first time a hash is
 * seen); per task only the serialized lambda, the REPL-variable snapshot and the arguments
 * travel.
 */
final class TaskSubmitter {
  private final ClientIo io;
  private final MessageFactory session;
  private final FunctionShipper shipper = new FunctionShipper();
  private final Set<String> pushedClasses = ConcurrentHashMap.newKeySet();
  private volatile boolean askHops;

  TaskSubmitter(ClientIo io) {
    this.io = io;
    this.session = io.session();
  }

  /** Routing options of one task: direct target or load-balanced with its options; its label for the records. */
  record Route(Integer target, int retries, long timeoutMs, List<String> after, String label) {
    static Route direct(int target) {
      return new Route(target, 0, 0, List.of(), null);
    }
  }

  PendingTask apply(Invocable fn, Object[] args, Route route) {
    if (fn == null) {
      throw new IllegalArgumentException("the function to apply is null");
    }
    if (args.length != fn.arity()) {
      throw new IllegalArgumentException("the function takes " + fn.arity() + " arguments, " + args.length + " given");
    }
    ShippedFunction shipped = shipper.ship(fn);
    PayloadWriter w = PayloadWriter.pooled();
    ObjectNode content = Json.object();
    content.putObject("fn").put("s", w.addSigned(shipped.bytes()));
    content.put("fn_hash", shipped.fnHash());
    if (!shipped.statics().isEmpty()) {
      ArrayNode statics = content.putArray("statics");
      for (StaticValue s : shipped.statics()) {
        ObjectNode sv = statics.addObject().put("class", s.className()).put("field", s.fieldName());
        sv.set("value", w.write(s.value(), "REPL variable '" + s.fieldName() + "'"));
      }
    }
    ArrayNode argList = content.putArray("args");
    for (int i = 0; i < args.length; i++) {
      argList.add(w.write(args[i], "argument " + (i + 1)));
    }
    // classes of serialized values (e.g. a REPL record passed as an argument) travel too
    List<ClassFile> needed = w.serializedClasses().isEmpty() ? shipped.classes()
        : shipper.classesFor(fn, w.serializedClasses());
    pushClasses(needed);
    ArrayNode classes = content.putArray("classes");
    ArrayNode hashes = Json.array();
    for (ClassFile c : needed) {
      classes.addObject().put("name", c.name()).put("hash", c.hash());
      hashes.add(c.hash());
    }
    ObjectNode meta = metadata(route);
    if (!hashes.isEmpty()) {
      meta.set("classes", hashes);
    }
    return send(MsgType.APPLY_REQUEST, "apply", meta, content, w, route);
  }

  PendingTask execute(String code, boolean silent, Route route) {
    ObjectNode content = Json.object().put("code", code).put("silent", silent);
    return send(MsgType.EXECUTE_REQUEST, "execute", metadata(route), content, new PayloadWriter(), route);
  }

  PendingTask push(Map<String, ?> values, Route route) {
    PayloadWriter w = PayloadWriter.pooled();
    ObjectNode content = Json.object().put("op", "push");
    ObjectNode vs = content.putObject("values");
    values.forEach((name, value) -> {
      checkName(name);
      vs.set(name, w.write(value, "value of '" + name + "'"));
    });
    return send(MsgType.NS_REQUEST, "namespace", metadata(route), content, w, route);
  }

  PendingTask pull(List<String> names, Route route) {
    ObjectNode content = Json.object().put("op", "pull");
    ArrayNode ns = content.putArray("names");
    names.forEach(n -> ns.add(checkName(n)));
    return send(MsgType.NS_REQUEST, "namespace", metadata(route), content, new PayloadWriter(), route);
  }

  /** The engine's variables: name, type and value text of each (no values travel). */
  PendingTask list(Route route) {
    ObjectNode content = Json.object().put("op", "list");
    return send(MsgType.NS_REQUEST, "namespace", metadata(route), content, new PayloadWriter(), route);
  }

  void askHops(boolean on) {
    askHops = on;
  }

  private PendingTask send(String type, String kind, ObjectNode meta, ObjectNode content, PayloadWriter w, Route route) {
    if (askHops) {
      meta.put(TaskTimes.ASK, true);
    }
    Message m = session.message(type, meta, content, w.buffers(), w.raw());
    PendingTask t = io.track(new PendingTask(m.id(), kind, route.target() == null ? -1 : route.target(), w.raw()));
    try {
      t.sentUs = TaskTimes.now();
      meta.put(TaskTimes.CLIENT_SENT, t.sentUs);
      io.send(m);
    } catch (RuntimeException e) {
      io.forget(t.msgId);
      throw e;
    }
    return t;
  }

  private void pushClasses(List<ClassFile> classes) {
    List<ClassFile> fresh = null;
    for (ClassFile c : classes) {
      if (!pushedClasses.contains(c.hash())) {
        SafeObjectInput.allowShipped(c.name()); // results of the session's classes may be read back
        if (fresh == null) {
          fresh = new ArrayList<>();
        }
        fresh.add(c);
      }
    }
    if (fresh == null) {
      return;
    }
    PayloadWriter w = new PayloadWriter();
    ObjectNode content = Json.object();
    ArrayNode list = content.putArray("classes");
    for (ClassFile c : fresh) {
      list.addObject().put("name", c.name()).put("hash", c.hash()).put("s", w.addSigned(c.bytes()));
    }
    io.send(session.message(MsgType.CLASS_PUSH, Json.object(), content, w.buffers(), List.of()));
    fresh.forEach(c -> pushedClasses.add(c.hash()));
  }

  private static ObjectNode metadata(Route route) {
    ObjectNode meta = Json.object();
    if (route.target() != null) {
      meta.putArray("targets").add(route.target());
    }
    if (route.retries() > 0) {
      meta.put("retries", route.retries());
    }
    if (route.timeoutMs() > 0) {
      meta.put("timeout_ms", route.timeoutMs());
    }
    if (!route.after().isEmpty()) {
      ArrayNode a = meta.putArray("after");
      route.after().forEach(a::add);
    }
    if (route.label() != null) {
      meta.put("label", route.label());
    }
    return meta;
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
        || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
      throw new IllegalArgumentException("'" + name + "' is not a Java variable name");
    }
    return name;
  }
}
