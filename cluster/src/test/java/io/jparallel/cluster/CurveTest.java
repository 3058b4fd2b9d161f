package io.jparallel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.client.Client;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CurveZMQ forced on loopback ({@code curve(true)}): engines and a TCP client get in with the
 * keys of the connection files; a peer speaking the NULL mechanism, or CURVE with keys of its
 * own, gets no reply even to a correctly signed request, and the cluster keeps serving.
 */
@Timeout(120)
class CurveTest {
  static Cluster cluster;

  @BeforeAll
  static void start() {
    cluster = Cluster.builder().engines(2).curve(true).clusterId("curve-" + ProcessHandle.current().pid()).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A client over TCP (not the in-JVM inproc shortcut), so its connection goes through CURVE. */
  static Client tcpClient() throws Exception {
    System.setProperty("jparallel.inproc", "false");
    try {
      return Client.connect(cluster.clientFile());
    } finally {
      System.clearProperty("jparallel.inproc");
    }
  }

  @Test
  void connectionFilesCarryThePeersKeysAndEnginesAndClientsWorkThroughCurve() throws Exception {
    ConnectionInfo info = ConnectionInfo.read(cluster.clientFile());
    assertThat(info.curveEnabled()).isTrue();
    assertThat(ConnectionInfo.read(cluster.engineFile()).curve()).isEqualTo(info.curve());
    try (Client rc = tcpClient()) {
      assertThat(rc.ids()).containsExactly(0, 1);
      List<Integer> doubled = rc.loadBalanced().map(x -> x * 2, List.of(1, 2, 3));
      assertThat(doubled).containsExactly(2, 4, 6);
      double[] big = new double[1 << 19]; // 4 MiB through the encrypted connections, both ways
      big[12345] = 7;
      double[] back = rc.direct(0).apply(a -> a, big);
      assertThat(back).hasSize(big.length);
      assertThat(back[12345]).isEqualTo(7);
    }
  }

  @Test
  void aNullMechanismPeerGetsNothingEvenWhenItsRequestIsSigned() throws Exception {
    ConnectionInfo info = ConnectionInfo.read(cluster.clientFile());
    ConnectionInfo engines = ConnectionInfo.read(cluster.engineFile());
    WireCodec codec = new WireCodec(info.signer()); // it even knows the HMAC key
    MessageFactory session = new MessageFactory("mallory");
    try (ZContext ctx = new ZContext()) {
      ZMQ.Socket client = Sockets.tune(ctx.createSocket(SocketType.DEALER));
      client.connect(info.clientAddress());
      ZMQ.Socket engine = Sockets.tune(ctx.createSocket(SocketType.DEALER));
      engine.connect(engines.engineAddress());
      Message connect = session.message(MsgType.CONNECT_REQUEST, Json.object());
      Message register = session.message(MsgType.REGISTRATION_REQUEST, Json.object().put("requested_id", 7).put("pid", 1));
      Sockets.send(client, codec.encode(connect), ZMQ.DONTWAIT);
      Sockets.send(engine, codec.encode(register), ZMQ.DONTWAIT);
      client.setReceiveTimeOut(2000);
      engine.setReceiveTimeOut(500);
      assertThat(client.recv()).isNull();
      assertThat(engine.recv()).isNull();
      // CURVE with keys of its own: the authentication handler refuses it
      ZMQ.Socket stranger = Sockets.tune(ctx.createSocket(SocketType.DEALER));
      ZMQ.Curve.KeyPair own = ZMQ.Curve.generateKeyPair();
      stranger.setCurveServerKey(ZMQ.Curve.z85Decode(info.curve().serverKey()));
      stranger.setCurvePublicKey(ZMQ.Curve.z85Decode(own.publicKey));
      stranger.setCurveSecretKey(ZMQ.Curve.z85Decode(own.secretKey));
      stranger.connect(info.clientAddress());
      Sockets.send(stranger, codec.encode(session.message(MsgType.CONNECT_REQUEST, Json.object())), ZMQ.DONTWAIT);
      stranger.setReceiveTimeOut(2000);
      assertThat(stranger.recv()).isNull();
    }
    Client rc = cluster.client();
    assertThat(rc.queueStatus()).containsOnlyKeys(0, 1); // no engine 7 registered
    int next = rc.loadBalanced().apply(x -> x + 1, 1);
    assertThat(next).isEqualTo(2);
  }

  @Test
  void clientsThatComeAndGoDoNotStallTheController() throws Exception {
    ConnectionInfo info = ConnectionInfo.read(cluster.clientFile());
    try (ZContext ctx = new ZContext()) {
      for (int i = 0; i < 40; i++) {
        ZMQ.Socket s = Sockets.tune(info.secure(ctx.createSocket(SocketType.DEALER)));
        s.connect(info.clientAddress());
        Thread.sleep(i % 5);
        s.close();
      }
    }
    for (int i = 0; i < 5; i++) {
      try (Client rc = tcpClient()) {
        rc.waitForEngines(2, java.time.Duration.ofSeconds(1));
      }
    }
    Thread.sleep(6000); // engines exit after 5 s without heartbeats
    Client rc = cluster.client();
    assertThat(rc.queueStatus()).containsOnlyKeys(0, 1);
    int next = rc.loadBalanced().apply(x -> x + 1, 1);
    assertThat(next).isEqualTo(2);
  }
}
