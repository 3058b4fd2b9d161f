package io.jparallel.client;

import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscription to the controller's monitor feed ({@link Client#monitor}): the listener gets
 * a {@link MonitorUpdate} about every 250 ms, on the client's I/O thread (keep it short). The
 * subscription renews itself every 10 s (the controller drops one not renewed for 30 s);
 * {@link #close()} ends it.
 */
public final class MonitorSubscription implements AutoCloseable {
  static final long RENEW_SECONDS = 10;

  private final ClientIo io;
  private final Consumer<MonitorUpdate> listener;
  private final ScheduledExecutorService renewals;
  private volatile Instant lastUpdate = Instant.now();
  private volatile boolean closed;

  MonitorSubscription(ClientIo io, Consumer<MonitorUpdate> listener) {
    this.io = io;
    this.listener = listener;
    this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jparallel-monitor-renewal");
      t.setDaemon(true);
      return t;
    });
  }

  /** Subscribes and waits for the controller's first snapshot, which the listener gets too. */
  void start(java.time.Duration timeout) {
    Message first = Client.await(io.request(request(false)), "monitor", timeout);
    deliver(first);
    renewals.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
  }

  private void renew() {
    if (!closed) {
      try {
        io.request(request(false)).thenAccept(this::deliver);
      } catch (RuntimeException e) {
        // the client is closed: nothing to renew
      }
    }
  }

  private Message request(boolean stop) {
    return io.session().message(MsgType.MONITOR_REQUEST, Json.object().put("stop", stop));
  }

  /** A {@code monitor_event} (or the reply to a subscription), on the I/O thread. */
  void deliver(Message m) {
    if (closed || "error".equals(m.content().path("status").asText())) {
      return;
    }
    lastUpdate = Instant.now();
    try {
      listener.accept(MonitorUpdate.fromJson(m.content()));
    } catch (RuntimeException e) {
      // a listener's failure must not stop the client's I/O
    }
  }

  boolean closed() {
    return closed;
  }

  /** When the last update arrived (a dashboard notices a controller gone silent). */
  public Instant lastUpdate() {
    return lastUpdate;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    renewals.shutdownNow();
    try {
      io.send(request(true));
    } catch (RuntimeException e) {
      // closed already
    }
  }
}
