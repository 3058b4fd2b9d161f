package io.jparallel.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.fn.Invocable;
import io.jparallel.serialize.PayloadReader;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.serialize.SafeObjectInput;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code apply_request}: finds (or builds) the loader for the task's class set,
 * deserializes the function with it (stateless functions are cached per loader and
 * {@code fn_hash}), sets the REPL statics snapshot, decodes the arguments, invokes and
 * encodes the result.
 */
final class ApplyRunner {
  private final ShippedClasses classes;
  /** The class list of the previous task and its loader (the worker thread's only). */
  private JsonNode lastClasses;
  private ClassSetLoader lastLoader;

  ApplyRunner(ShippedClasses classes) {
    this.classes = classes;
  }

  TaskResult run(Message m, int engineId) throws Exception {
    ObjectNode content = m.content();
    JsonNode classList = content.path("classes");
    ClassSetLoader loader = classList.equals(lastClasses) ? lastLoader : null; // a map's tasks share one
    if (loader == null) {
      List<ShippedClasses.ClassRef> refs = new ArrayList<>();
      for (JsonNode c : classList) {
        refs.add(new ShippedClasses.ClassRef(c.path("name").asText(), c.path("hash").asText()));
      }
      try {
        loader = classes.loaderFor(refs);
      } catch (ShippedClasses.MissingClassException e) {
        return TaskResult.of(new ErrorReport("MissingClassException", e.getMessage(), List.of(
            "MissingClassException: " + e.getMessage())).toContent(engineId));
      }
      lastClasses = classList;
      lastLoader = loader;
    }
    PayloadReader reader = new PayloadReader(m.buffers(), m.raw(), loader);
    String fnHash = content.hasNonNull("fn_hash") ? content.get("fn_hash").asText() : null;
    Object fn = loader.cachedFunction(fnHash);
    if (fn == null) {
      fn = SafeObjectInput.read(reader.signedBuffer(content.path("fn").path("s").asInt(-1)), loader);
      if (!(fn instanceof Invocable)) {
        throw new IllegalArgumentException("the task's function is a " + (fn == null ? "null" : fn.getClass().getName())
            + ", not an io.jparallel.fn.Invocable");
      }
      if (isStateless(fn.getClass())) {
        loader.cacheFunction(fnHash, fn);
      }
    }
    for (JsonNode s : content.path("statics")) {
      Field f = loader.staticField(s.path("class").asText(), s.path("field").asText());
      f.set(null, reader.read(s.path("value")));
    }
    JsonNode argNodes = content.path("args");
    Object[] args = new Object[argNodes.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = reader.read(argNodes.get(i));
    }
    Invocable invocable = (Invocable) fn;
    if (invocable.arity() != args.length) {
      throw new IllegalArgumentException("the function takes " + invocable.arity() + " argument(s), the task has "
          + args.length);
    }
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    self.setContextClassLoader(loader);
    Object result;
    try {
      result = invocable.invoke(args);
    } finally {
      self.setContextClassLoader(previous);
    }
    PayloadWriter writer = PayloadWriter.pooled(); // EngineIo recycles it once the controller acknowledges the reply
    ObjectNode reply = Json.object().put("status", "ok");
    try {
      reply.set("result", writer.write(result, "result"));
    } catch (IllegalArgumentException e) {
      return TaskResult.of(new ErrorReport("java.io.NotSerializableException", e.getMessage(),
          List.of("java.io.NotSerializableException: " + e.getMessage())).toContent(engineId));
    }
    return new TaskResult(reply, writer.buffers(), writer.raw());
  }

  /** A function object without instance state (no captured values) can be reused. */
  private static boolean isStateless(Class<?> c) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          return false;
        }
      }
    }
    return true;
  }
}
