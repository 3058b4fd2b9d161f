package io.jparallel.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.util.ArrayList;
import java.util.List;

/**
 * Class files clients pushed ({@code class_push}), kept by hash, and their delivery: each
 * engine gets a class once ({@code load_classes}), before the first task that needs it.
 * Confined to the loop thread.
 */
final class ClassDistributor {
  private final ClassCache classes = new ClassCache();
  private final ControllerSockets out;

  ClassDistributor(ControllerSockets out) {
    this.out = out;
  }

  void push(Message m) throws BadMessageException {
    for (JsonNode cls : m.content().path("classes")) {
      int index = cls.path("s").asInt(-1);
      if (index < 0 || index >= m.signedBuffers()) {
        throw new BadMessageException("class_push names a missing buffer");
      }
      classes.put(new ClassCache.ClassFile(cls.path("name").asText(), cls.path("hash").asText(), m.buffers().get(index)));
    }
  }

  int size() {
    return classes.size();
  }

  /**
   * Sends the classes {@code hashes} names that {@code e} has not had yet. Returns the hash of
   * a class no client pushed (the task cannot run), or null.
   */
  String sendMissing(List<String> hashes, EngineState e) {
    if (hashes.isEmpty()) {
      return null;
    }
    List<ClassCache.ClassFile> missing = null;
    for (String hash : hashes) {
      if (e.classesSent.contains(hash)) {
        continue;
      }
      ClassCache.ClassFile f = classes.get(hash);
      if (f == null) {
        return hash;
      }
      if (missing == null) {
        missing = new ArrayList<>();
      }
      missing.add(f);
    }
    if (missing == null) {
      return null;
    }
    ArrayNode list = Json.array();
    List<byte[]> buffers = new ArrayList<>();
    for (ClassCache.ClassFile f : missing) {
      list.addObject().put("name", f.name()).put("hash", f.hash()).put("s", buffers.size());
      buffers.add(f.bytes());
    }
    ObjectNode c = Json.object();
    c.set("classes", list);
    out.toEngine(e, out.session.message(MsgType.LOAD_CLASSES, Json.object(), c, buffers, List.of()));
    for (ClassCache.ClassFile f : missing) {
      e.classesSent.add(f.hash());
    }
    return null;
  }
}
