package io.jparallel.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The content of a task reply and its buffers (signed first, then {@code rawCount} raw).
 * {@code content.status} is ok, error or aborted.
 */
record TaskResult(ObjectNode content, List<byte[]> buffers, int rawCount) {
  static TaskResult of(ObjectNode content) {
    return new TaskResult(content, List.of(), 0);
  }

  String status() {
    return content.path("status").asText("error");
  }
}
