package io.jparallel.dashboard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The pages watching the dashboard, as server-sent events: each gets the whole state once,
 * then every 500 ms what changed since its last event (engines, new tasks of the stream,
 * rates, failures, hops). Writes are asynchronous; a page still busy with its last event
 * skips one (the next carries everything since), and a closed page is dropped.
 */
final class EventStream {
  private final DashboardState state;
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

  /** One open page: its response, the callback that ends it, the last task it has seen. */
  private final class Watcher {
    final Response response;
    final Callback done;
    volatile long seenSeq;
    volatile boolean busy;

    Watcher(Response response, Callback done) {
      this.response = response;
      this.done = done;
    }

    void send() {
      if (busy) {
        return;
      }
      busy = true;
      var json = state.json(seenSeq);
      long seq = json.path("seq").asLong();
      byte[] event = ("event: update\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
      response.write(false, ByteBuffer.wrap(event), new Callback() {
        @Override
        public void succeeded() {
          seenSeq = seq;
          busy = false;
        }

        @Override
        public void failed(Throwable x) {
          watchers.remove(Watcher.this);
          done.failed(x);
        }
      });
    }
  }

  EventStream(DashboardState state) {
    this.state = state;
  }

  /** A page opened the stream: it gets everything now. */
  void open(Response response, Callback done) {
    Watcher w = new Watcher(response, done);
    watchers.add(w);
    w.send();
  }

  /** Sends each page what changed (every 500 ms). */
  void broadcast() {
    for (Watcher w : watchers) {
      w.send();
    }
  }

  int watching() {
    return watchers.size();
  }

  /** Ends every stream (the dashboard stops). */
  void closeAll() {
    for (Watcher w : watchers) {
      watchers.remove(w);
      w.done.succeeded();
    }
  }
}
