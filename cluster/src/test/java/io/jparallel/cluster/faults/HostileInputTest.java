package io.jparallel.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.client.Client;
import io.jparallel.client.RemoteException;
import io.jparallel.cluster.Cluster;
import io.jparallel.serialize.Bombs;
import io.jparallel.wire.Frames;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input against a real cluster (controller in this JVM, one engine JVM): raw ZMTP
 * frames declaring absurd lengths, replayed signed messages, gadget objects and hash-set
 * bombs, unparseable signed requests, numbers out of range, and floods of garbage. After
 * each, the cluster still serves.
 */
@Timeout(180)
class HostileInputTest {
  private static Cluster cluster;
  private static Client rc;

  @BeforeAll
  static void start() {
    cluster = Cluster.local(1);
    rc = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static void stillServes() {
    assertThat(rc.direct(0).apply(() -> 6 * 7)).isEqualTo(42);
    int two = rc.loadBalanced().apply((Integer x) -> x + 1, 1);
    assertThat(two).isEqualTo(2);
  }

  // ---- frames ----------------------------------------------------------------------------

  /** A ZMTP 3.0 NULL-mechanism handshake as a DEALER, by hand; returns the connected socket. */
  private static Socket handshake(int port) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(30_000);
    OutputStream out = s.getOutputStream();
    byte[] greeting = new byte[64];
    greeting[0] = (byte) 0xFF;
    greeting[9] = 0x7F;
    greeting[10] = 3;
    System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, greeting, 12, 4);
    out.write(greeting);
    out.flush();
    InputStream in = s.getInputStream();
    byte[] theirs = in.readNBytes(64);
    assertThat(theirs).hasSize(64);
    ByteArrayOutputStream ready = new ByteArrayOutputStream();
    ready.write(5);
    ready.write("READY".getBytes(StandardCharsets.US_ASCII));
    ready.write(11);
    ready.write("Socket-Type".getBytes(StandardCharsets.US_ASCII));
    ready.write(new byte[] {0, 0, 0, 6});
    ready.write("DEALER".getBytes(StandardCharsets.US_ASCII));
    out.write(0x04);
    out.write(ready.size());
    out.write(ready.toByteArray());
    out.flush();
    int flags = in.read();
    int size = in.read();
    assertThat(flags).as("the peer's READY command").isEqualTo(0x04);
    in.readNBytes(size);
    return s;
  }

  private static long heapUsedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int heartPort() throws Exception {
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      Message m = p.session.message(MsgType.CONNECT_REQUEST, Json.object());
      p.send(p.encode(m));
      return p.replyTo(m).content().get("heart_port").asInt();
    }
  }

  @Test
  void framesDeclaringHugeLengthsAreRefusedBeforeAnythingIsAllocatedOnEveryPort() throws Exception {
    var info = cluster.connectionInfo();
    int[] ports = {info.clientPort(), info.enginePort(), heartPort()};
    long[] lengths = {-1L /* 2^64-1 */, (1L << 31) - 1, 2_000_000_000L};
    long before = heapUsedAfterGc();
    List<Socket> open = new ArrayList<>();
    try {
      for (int port : ports) {
        for (long length : lengths) {
          Socket s = handshake(port);
          open.add(s);
          ByteBuffer header = ByteBuffer.allocate(9).put((byte) 0x02).putLong(length);
          s.getOutputStream().write(header.array());
          s.getOutputStream().flush();
        }
      }
      Thread.sleep(500);
      // while every hostile connection is still open, nothing of the declared gigabytes is held
      long grown = heapUsedAfterGc() - before;
      assertThat(grown).as("heap growth with 9 hostile headers open").isLessThan(512L << 20);
      stillServes();
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
    stillServes();
  }

  // ---- signed but hostile ----------------------------------------------------------------

  @Test
  void aReplayedSignedMessageIsNotRunTwice() throws Exception {
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      Message once = p.execute(0, "1 + 1");
      List<ByteBuffer> frames = p.encode(once);
      p.send(frames);
      p.send(frames); // captured and sent again
      Message after = p.execute(0, "2 + 2");
      p.send(p.encode(after));
      int repliesToOnce = 0;
      while (true) {
        Message m = p.next();
        if (m.parent() == null || MsgType.STREAM.equals(m.type())) {
          continue;
        }
        if (m.parent().msgId().equals(once.id())) {
          repliesToOnce++;
        }
        if (m.parent().msgId().equals(after.id())) {
          break; // the engine runs direct tasks in order: a replay would have been answered before this
        }
      }
      assertThat(repliesToOnce).isEqualTo(1);
    }
    stillServes();
  }

  /**
   * Batches (several signed messages as one): a sound one runs each of its messages once, a
   * replay of it runs none, one signed with another key or tampered with is dropped whole, and
   * a bad message inside a sound batch is dropped alone.
   */
  @Test
  void batchesAreCheckedWholeAndMessageByMessage() throws Exception {
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      Message a = p.execute(0, "10 + 1");
      Message b = p.execute(0, "10 + 2");
      List<ByteBuffer> sound = p.codec.batches(List.of(), List.of(p.encode(a), p.encode(b))).get(0).frames();
      p.send(sound);
      p.send(sound); // replayed
      WireCodec other = new WireCodec(Signer.of("not the key"));
      Message forged = p.execute(0, "10 + 3");
      p.send(other.batches(List.of(), List.of(other.encode(forged), other.encode(p.execute(0, "10 + 4")))).get(0).frames());
      List<ByteBuffer> tampered = new ArrayList<>(sound);
      byte[] bytes = Frames.bytes(tampered.get(2)).clone();
      bytes[bytes.length - 3] ^= 1;
      tampered.set(2, ByteBuffer.wrap(bytes));
      p.send(tampered);
      Message good = p.execute(0, "10 + 5");
      List<ByteBuffer> bad = new ArrayList<>(p.encode(p.execute(0, "10 + 6")));
      byte[] packed = Frames.bytes(bad.get(2)).clone();
      packed[packed.length - 3] ^= 1;
      bad.set(2, ByteBuffer.wrap(packed));
      p.send(p.codec.batches(List.of(), List.of(bad, p.encode(good))).get(0).frames());
      Message last = p.execute(0, "10 + 7");
      p.send(p.encode(last));
      List<String> answered = new ArrayList<>();
      while (true) {
        Message m = p.next();
        assertThat(m).as("an answer to every sound task").isNotNull();
        if (m.parent() == null || MsgType.STREAM.equals(m.type()) || !MsgType.isTaskReply(m.type())) {
          continue;
        }
        answered.add(m.parent().msgId());
        if (m.parent().msgId().equals(last.id())) {
          break; // the engine runs direct tasks in order: all the others were answered before
        }
      }
      assertThat(answered).containsExactly(a.id(), b.id(), good.id(), last.id());
    }
    stillServes();
  }

  @Test
  void aJdkHashMapSubclassIsRefusedByTheAllowList() {
    var gadget = new javax.print.attribute.standard.PrinterStateReasons();
    assertThatThrownBy(() -> rc.direct(0).apply(m -> m.size(), gadget))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("refused to deserialize javax.print.attribute.standard.PrinterStateReasons");
    stillServes();
  }

  @Test
  void aHashSetBombIsRefusedAndTheEngineServesOn() {
    Set<Object> root = Bombs.hashSetBomb(100); // hashing it whole would take 2^100 steps
    assertThatThrownBy(() -> rc.direct(0).apply(s -> s.size(), root))
        .isInstanceOf(RemoteException.class).hasMessageContaining("bomb");
    stillServes();
  }

  @Test
  void aSignedRequestTheEngineCannotParseGetsAnErrorReplyAndFreesItsSlot() throws Exception {
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      Message m = p.execute(0, "1");
      // one frame per part (the classic layout, which receivers also take) to pick them apart
      List<ByteBuffer> good = new WireCodec(Signer.of(cluster.connectionInfo().key())).verify(p.encode(m))
          .jupyterFrames(List.of());
      byte[] header = Frames.bytes(good.get(2));
      byte[] parent = Frames.bytes(good.get(3));
      byte[] meta = Frames.bytes(good.get(4));
      byte[] content = "this is not JSON".getBytes(StandardCharsets.UTF_8);
      byte[] sig = Signer.of(cluster.connectionInfo().key()).sign(List.of(header, parent, meta, content), 0);
      p.send(Frames.of(WireCodec.DELIMITER, sig, header, parent, meta, content));
      Message reply = p.replyTo(m);
      assertThat(reply.content().path("status").asText()).isEqualTo("error");
      assertThat(reply.content().path("ename").asText()).isEqualTo("BadMessageException");
    }
    stillServes();
  }

  @Test
  void numbersOutOfBoundsAndSelfDependenciesAreAnsweredAtOnce() throws Exception {
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      Message forever = p.execute(0, "1");
      forever.metadata().put("timeout_ms", Long.MAX_VALUE);
      p.send(p.encode(forever));
      Message r1 = p.replyTo(forever);
      assertThat(r1.content().path("ename").asText()).isEqualTo("BadRequestException");
      assertThat(r1.content().path("evalue").asText()).contains("timeout_ms");

      Message badTarget = p.execute(0, "1");
      ((com.fasterxml.jackson.databind.node.ArrayNode) badTarget.metadata().get("targets")).removeAll().add(-5);
      p.send(p.encode(badTarget));
      assertThat(p.replyTo(badTarget).content().path("ename").asText()).isEqualTo("BadRequestException");

      ObjectNode meta = Json.object();
      Message self = p.session.message(MsgType.EXECUTE_REQUEST, meta, Json.object().put("code", "1"), List.of(), List.of());
      meta.putArray("after").add(self.id());
      p.send(p.encode(self));
      assertThat(p.replyTo(self).content().path("ename").asText()).isEqualTo("DependencyFailedException");
    }
    stillServes();
  }

  @Test
  void aFloodOfBadMessagesLogsAFewLinesNotOneEach() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    Log.to(capture);
    try (RawPeer p = new RawPeer(cluster.connectionInfo())) {
      WireCodec forger = new WireCodec(Signer.of("not the key"));
      for (int i = 0; i < 10_000; i++) {
        p.send(i % 2 == 0 ? forger.encode(p.execute(0, "1")) : Frames.of(("garbage " + i).getBytes(StandardCharsets.UTF_8)));
      }
      Message probe = p.execute(0, "3");
      p.send(p.encode(probe));
      assertThat(p.replyTo(probe).content().path("status").asText()).isEqualTo("ok");
    } finally {
      Log.to(System.err);
    }
    long lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("dropped a message")).count();
    assertThat(lines).as("log lines for 10,000 bad messages").isBetween(1L, 50L);
  }
}
