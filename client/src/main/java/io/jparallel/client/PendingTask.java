package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.BufferPool;
import io.jparallel.wire.Message;
import io.jparallel.wire.TaskTimes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One submitted task as the client tracks it: its reply, what it printed, when. */
final class PendingTask {
  final String msgId;
  /** apply, execute, namespace; for a result fetched by id ({@code rc.result}), set from its reply's type. */
  volatile String kind;
  final int target;
  final Instant submitted = Instant.now();
  final CompletableFuture<Reply> reply = new CompletableFuture<>();
  private StringBuilder stdout;
  private StringBuilder stderr;
  volatile OutputListener listener;
  volatile Instant received;
  /** When the signed request went to the socket thread, and when its reply was read (epoch microseconds). */
  volatile long sentUs;
  volatile long receivedUs;

  private volatile java.util.concurrent.Semaphore credit;

  /** The submission-window slot this task holds until it is answered or given up. */
  void holdsCredit(java.util.concurrent.Semaphore window) {
    this.credit = window;
  }

  /** Gives the slot back, once. */
  void releaseCredit() {
    java.util.concurrent.Semaphore c;
    synchronized (this) {
      c = credit;
      credit = null;
    }
    if (c != null) {
      c.release();
    }
  }

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
      if ("stderr".equals(name)) {
        (stderr == null ? stderr = new StringBuilder() : stderr).append(text);
      } else {
        (stdout == null ? stdout = new StringBuilder() : stdout).append(text);
      }
    }
    OutputListener l = listener;
    if (l != null) {
      l.onOutput(engineId >= 0 ? engineId : target, name, text);
    }
  }

  /** What is known of the task now (a pending one has no engine times yet). */
  TaskMetadata metadata() {
    Message m = replyMessage();
    JsonNode meta = m == null ? null : m.metadata();
    int engine = meta == null ? target : meta.path("engine_id").asInt(target);
    return new TaskMetadata(msgId, engine, submitted, instant(meta, TaskTimes.STARTED, "started"),
        instant(meta, TaskTimes.COMPLETED, "completed"),
        received, stdout(), stderr(), meta == null ? "pending" : meta.path("status").asText("ok"),
        HopTimes.of(meta, sentUs, receivedUs));
  }

  /** An engine's time ({@link TaskTimes#read}), or null when the reply has none. */
  private static Instant instant(JsonNode meta, String microsField, String field) {
    long us = TaskTimes.read(meta, microsField, field);
    return us == 0 ? null : TaskTimes.instant(us);
  }

  synchronized String stdout() {
    return stdout == null ? "" : stdout.toString();
  }

  synchronized String stderr() {
    return stderr == null ? "" : stderr.toString();
  }

  /** The reply parsed, or null while there is none (or the task failed without one). */
  Message replyMessage() {
    Reply r = reply.isCompletedExceptionally() ? null : reply.getNow(null);
    return r == null ? null : r.message();
  }

  /**
   * The reply's value, decoded once however many results share this task; then the reply
   * lets go of its buffers (results can be large, the value holds them now) and pooled ones
   * go back to the pool.
   */
  synchronized Object value(AsyncResult.Decoder decoder) throws Exception {
    if (!decoded) {
      Reply r = reply.getNow(null);
      value = decoder.decode(r.message(), this);
      decoded = true;
      reply.obtrudeValue(r.withoutBuffers());
      BufferPool.shared().releaseAll(r.raw());
    }
    return value;
  }

  /** The reply is in (I/O thread): the request's frames have all been read by the engine. */
  void complete(Reply r) {
    Instant now = Instant.now();
    received = now;
    receivedUs = TaskTimes.micros(now);
    releaseRequest();
    reply.complete(r);
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
