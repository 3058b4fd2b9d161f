package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The wait of a thread that serves its sockets itself: a signal that brings nothing to read
 * does not end it (nor spin it), a wake-up does, and a message that arrives does.
 */
class SocketPollerTest {
  /** A DEALER whose signalling channel is readable: its peer sent it a message it has not taken in. */
  private static ZMQ.Socket signalled(ZContext ctx, ZMQ.Socket[] peer) throws Exception {
    ZMQ.Socket a = ctx.createSocket(SocketType.PAIR);
    a.bind("inproc://poller-" + System.nanoTime());
    ZMQ.Socket b = ctx.createSocket(SocketType.PAIR);
    b.connect(a.getLastEndpoint());
    peer[0] = a;
    Sockets.send(a, List.of(ByteBuffer.wrap(new byte[] {0})));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Sockets.poll(b) == null && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertThat(Sockets.poll(b)).isNull(); // b read its pipe empty: it sleeps, and the next message wakes it
    Sockets.send(a, List.of(ByteBuffer.wrap(new byte[] {1})));
    Thread.sleep(50); // the activation command, and with it the channel's byte, is in b's mailbox
    return b;
  }

  @Test
  void aSignalWithNothingToReadDoesNotEndTheWaitNorSpinIt() throws Exception {
    try (ZContext ctx = new ZContext(1)) {
      ZMQ.Socket[] peer = new ZMQ.Socket[1];
      ZMQ.Socket s = signalled(ctx, peer);
      try (SocketPoller poller = new SocketPoller(s)) {
        AtomicInteger asked = new AtomicInteger();
        long t0 = System.nanoTime();
        poller.await(200, () -> {
          asked.incrementAndGet();
          return false; // as if the signal were early: its writer has not counted it yet
        });
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(tookMs).isBetween(190L, 2_000L);
        // a yield, then 50 us sleeps: at most ~4,000 selects in 200 ms, not a spin of 100,000s
        assertThat(asked.get()).isBetween(1, 4_000);
      }
    }
  }

  @Test
  void aWakeUpEndsAWaitThatEarlySignalsKeepGoing() throws Exception {
    try (ZContext ctx = new ZContext(1)) {
      ZMQ.Socket[] peer = new ZMQ.Socket[1];
      ZMQ.Socket s = signalled(ctx, peer);
      try (SocketPoller poller = new SocketPoller(s)) {
        CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
          long t0 = System.nanoTime();
          poller.await(10_000, () -> false);
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        });
        Thread.sleep(100);
        poller.wakeup();
        assertThat(took.get(5, TimeUnit.SECONDS)).isBetween(90L, 3_000L);
      }
    }
  }

  @Test
  void aMessageEndsTheWaitAndAQuietSocketWaitsItsTime() throws Exception {
    try (ZContext ctx = new ZContext(1)) {
      ZMQ.Socket[] peer = new ZMQ.Socket[1];
      ZMQ.Socket s = signalled(ctx, peer);
      try (SocketPoller poller = new SocketPoller(s)) {
        long t0 = System.nanoTime();
        poller.poll(10_000); // the message waiting ends it at once
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2_000L);
        assertThat(Sockets.poll(s)).hasSize(1);

        t0 = System.nanoTime();
        poller.poll(150); // nothing more comes
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(140L, 2_000L);

        CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
          long t1 = System.nanoTime();
          poller.poll(10_000);
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        });
        Thread.sleep(100);
        Sockets.send(peer[0], List.of(ByteBuffer.wrap(new byte[] {2})));
        assertThat(took.get(5, TimeUnit.SECONDS)).isBetween(90L, 3_000L);
        assertThat(Sockets.poll(s)).hasSize(1);
      }
    }
  }
}
