package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The content of a task reply, its signed buffers and its raw frames.
 * {@code content.status} is ok, error or aborted.
 */
record TaskResult(ObjectNode content, List<byte[]> buffers, List<ByteBuffer> raw) {
  static TaskResult of(ObjectNode content) {
    return new TaskResult(content, List.of(), List.of());
  }

  String status() {
    return content.path("status").asText("error");
  }
}
