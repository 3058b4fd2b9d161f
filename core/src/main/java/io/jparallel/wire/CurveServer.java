package io.jparallel.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * The controller's side of CurveZMQ: a server key pair and one peer key pair made for one
 * cluster, and a ZAP handler ({@code inproc://zeromq.zap.01} in the controller's context)
 * that lets in only peers presenting that pair's public key. A peer speaking the NULL
 * mechanism, or CURVE with another key, never completes the handshake: it gets nothing.
 * Messages stay HMAC-signed inside the encrypted connection.
 */
public final class CurveServer implements AutoCloseable {
  private static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
  private static final Log LOG = Log.of("curve");

  private final ZMQ.Curve.KeyPair server;
  private final CurveKeys peerKeys;
  private final byte[] allowed;
  private final ZMQ.Socket handler;
  private final Thread thread;
  private volatile boolean running = true;

  private CurveServer(ZContext context) {
    this.server = ZMQ.Curve.generateKeyPair();
    ZMQ.Curve.KeyPair peer = ZMQ.Curve.generateKeyPair();
    this.peerKeys = new CurveKeys(server.publicKey, peer.publicKey, peer.secretKey);
    this.allowed = ZMQ.Curve.z85Decode(peer.publicKey);
    this.handler = context.createSocket(SocketType.REP);
    handler.setLinger(0);
    handler.bind(ZAP_ENDPOINT); // before any CURVE socket of this context accepts a connection
    handler.setReceiveTimeOut(200);
    this.thread = new Thread(this::serve, "jparallel-zap");
    thread.setDaemon(true);
  }

  /** Makes the keys of a new cluster and starts its authentication handler in {@code context}. */
  public static CurveServer start(ZContext context) {
    CurveServer s = new CurveServer(context);
    s.thread.start();
    return s;
  }

  /** Makes {@code socket} a CURVE server with this cluster's key; call before it binds. */
  public ZMQ.Socket secure(ZMQ.Socket socket) {
    socket.setZAPDomain("jparallel");
    socket.setCurveServer(true);
    socket.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey));
    return socket;
  }

  /** What clients and engines put on their sockets (written into the 0600 connection files). */
  public CurveKeys peerKeys() {
    return peerKeys;
  }

  private void serve() {
    try {
      while (running) {
        ZMsg request = ZMsg.recvMsg(handler);
        if (request == null) {
          continue;
        }
        reply(request);
      }
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("authentication handler stopped: " + e);
      }
    } finally {
      handler.close();
    }
  }

  /** ZAP (RFC 27): version, request id, domain, address, identity, mechanism, credentials. */
  private void reply(ZMsg request) {
    String version = request.popString();
    String requestId = request.popString();
    request.popString(); // domain
    String address = request.popString();
    request.popString(); // routing identity
    String mechanism = request.popString();
    byte[] key = request.size() > 0 ? request.pop().getData() : new byte[0];
    boolean ok = "1.0".equals(version) && "CURVE".equals(mechanism) && Arrays.equals(allowed, key);
    if (!ok) {
      LOG.warn("refused a " + mechanism + " connection from " + address + " (not this cluster's key)");
    }
    ZMsg reply = new ZMsg();
    reply.add(version == null ? "1.0" : version);
    reply.add(requestId == null ? "" : requestId);
    reply.add(ok ? "200" : "400");
    reply.add(ok ? "OK" : "not this cluster's key");
    reply.add(ok ? "jparallel".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
    reply.add(new byte[0]);
    reply.send(handler);
  }

  /** Stops the handler; call before the context closes. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
