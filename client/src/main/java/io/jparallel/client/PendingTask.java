package io.jparallel.client;

import io.jparallel.wire.Message;
import java.time.Instant;
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

  PendingTask(String msgId, String kind, int target) {
    this.msgId = msgId;
    this.kind = kind;
    this.target = target;
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

  synchronized String stdout() {
    return stdout.toString();
  }

  synchronized String stderr() {
    return stderr.toString();
  }

  /** Lets go of the reply's buffers once its value has been read (results can be large; the value holds them now). */
  void valueRead(Message m) {
    reply.obtrudeValue(m.withoutBuffers());
  }

  void complete(Message m) {
    received = Instant.now();
    reply.complete(m);
  }
}
