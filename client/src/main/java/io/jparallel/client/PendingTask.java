package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.BufferPool;
import io.jparallel.wire.Message;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One submitted task as the client tracks it: its reply, what it printed, when. */
final class PendingTask {
  final String msgId;
  final String kind;
  final int target;
  final Instant submitted = Instant.now();
  final CompletableFuture<Message> reply = new CompletableFuture<>();
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  volatile OutputListener listener;
  volatile Instant received;

  /** The request's raw frames: pooled buffers, released once the reply is in (the engine has them all). */
  private List<ByteBuffer> requestFrames;
  private boolean decoded;
  private Object value;

  PendingTask(String msgId, String kind, int target, List<ByteBuffer> requestFrames) {
    this.msgId = msgId;
    this.kind = kind;
    this.target = target;
    this.requestFrames = requestFrames;
  }

  void output(int engineId, String name, String text) {
    synchronized (this) {
      ("stderr".equals(name) ? stderr : stdout).append(text);
    }
    OutputListener l = listener;
    if (l != null) {
      l.onOutput(engineId >= 0 ? engineId : target, name, text);
    }
  }

  /** What is known of the task now (a pending one has no engine times yet). */
  TaskMetadata metadata() {
    Message m = reply.getNow(null);
    JsonNode meta = m == null ? null : m.metadata();
    int engine = meta == null ? target : meta.path("engine_id").asInt(target);
    return new TaskMetadata(msgId, engine, submitted, instant(meta, "started"), instant(meta, "completed"),
        received, stdout(), stderr(), meta == null ? "pending" : meta.path("status").asText("ok"));
  }

  private static Instant instant(JsonNode meta, String field) {
    if (meta == null || !meta.hasNonNull(field)) {
      return null;
    }
    try {
      return Instant.parse(meta.get(field).asText());
    } catch (RuntimeException e) {
      return null;
    }
  }

  synchronized String stdout() {
    return stdout.toString();
  }

  synchronized String stderr() {
    return stderr.toString();
  }

  /**
   * The reply's value, decoded once however many results share this task; then the reply
   * lets go of its buffers (results can be large, the value holds them now) and pooled ones
   * go back to the pool.
   */
  synchronized Object value(AsyncResult.Decoder decoder) throws Exception {
    if (!decoded) {
      Message m = reply.getNow(null);
      value = decoder.decode(m, this);
      decoded = true;
      reply.obtrudeValue(m.withoutBuffers());
      BufferPool.shared().releaseAll(m.raw());
    }
    return value;
  }

  /** The reply is in (I/O thread): the request's frames have all been read by the engine. */
  void complete(Message m) {
    received = Instant.now();
    releaseRequest();
    reply.complete(m);
  }

  /** The request will not be sent again (its reply is in, or it failed without one). */
  void releaseRequest() {
    List<ByteBuffer> frames;
    synchronized (this) {
      frames = requestFrames;
      requestFrames = null;
    }
    if (frames != null) {
      BufferPool.shared().releaseAll(frames);
    }
  }
}
