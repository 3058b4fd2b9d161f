package io.jparallel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The wait of a thread that serves its sockets itself: a signal that brings nothing to read
 * does not end it (nor spin it), a wake-up does, and a message that arrives does.
 */
class SocketPollerTest {
  private ZContext ctx;
  private ZMQ.Socket peer;
  /** A PAIR whose signalling channel is readable: its peer sent it a message it has not taken in. */
  private ZMQ.Socket s;
  private SocketPoller poller;

  @BeforeEach
  void signalled() throws Exception {
    ctx = new ZContext(1);
    peer = ctx.createSocket(SocketType.PAIR);
    peer.bind("inproc://poller-" + System.nanoTime());
    s = ctx.createSocket(SocketType.PAIR);
    s.connect(peer.getLastEndpoint());
    Sockets.send(peer, List.of(ByteBuffer.wrap(new byte[] {0})));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Sockets.poll(s) == null && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertThat(Sockets.poll(s)).isNull(); // s read its pipe empty: it sleeps, and the next message wakes it
    Sockets.send(peer, List.of(ByteBuffer.wrap(new byte[] {1})));
    Thread.sleep(50); // the activation command, and with it the channel's byte, is in s's mailbox
    poller = new SocketPoller(s);
  }

  @AfterEach
  void close() {
    poller.close();
    ctx.close();
  }

  @Test
  void aSignalWithNothingToReadDoesNotEndTheWaitNorSpinIt() {
    AtomicInteger asked = new AtomicInteger();
    long t0 = System.nanoTime();
    poller.await(200, () -> {
      asked.incrementAndGet();
      return false; // as if the signal were early: its writer has not counted it yet
    });
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(tookMs).isGreaterThanOrEqualTo(190L); // its whole time: no signal ended it
    // a yield, then 50 us sleeps: at most ~4,000 selects in 200 ms, not a spin of 100,000s
    assertThat(asked.get()).isBetween(1, 4_000);
  }

  @Test
  void aWakeUpEndsAWaitThatEarlySignalsKeepGoing() throws Exception {
    CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
      long t0 = System.nanoTime();
      poller.await(10_000, () -> false);
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    });
    Thread.sleep(100);
    poller.wakeup();
    assertThat(took.get(5, TimeUnit.SECONDS)).isBetween(90L, 9_000L); // the event ended it, not its 10 s
  }

  @Test
  void aMessageEndsTheWaitAndAQuietSocketWaitsItsTime() throws Exception {
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> poller.poll(600_000));
    first.get(60, TimeUnit.SECONDS); // the message waiting ends it, not its ten minutes
    assertThat(Sockets.poll(s)).hasSize(1);

    long t0 = System.nanoTime();
    poller.poll(150); // nothing more comes
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(140L);

    CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
      long t1 = System.nanoTime();
      poller.poll(10_000);
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
    });
    Thread.sleep(100);
    Sockets.send(peer, List.of(ByteBuffer.wrap(new byte[] {2})));
    assertThat(took.get(5, TimeUnit.SECONDS)).isBetween(90L, 9_000L); // the event ended it, not its 10 s
    assertThat(Sockets.poll(s)).hasSize(1);
  }
}
