package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Heartbeats on a path of their own, as IPython parallel's Heart: one socket and one thread
 * that do nothing else, so no task queue, large transfer or busy loop can delay a beat. The
 * controller {@link #serve serves} a ROUTER: it records when each peer (engine or client,
 * known by its socket identity, the same as on its main socket) last beat, beats to each one
 * every period and notes when a peer's connection is closed (a beat it cannot send). Peers
 * {@link #beat} from a DEALER and record when they last heard the controller. Beats are signed
 * {@code heartbeat} messages; the server's codec (the controller's, copied) refuses replayed ones.
 */
public final class Heart implements AutoCloseable {
  private static final Log LOG = Log.of("heart");
  /** Heart sockets carry only beats. */
  private static final long MAX_MESSAGE = 64 * 1024;
  /** A peer whose connection stayed closed this long is forgotten. */
  private static final long FORGET_NANOS = 60_000_000_000L;

  private static final class Peer {
    final byte[] id;
    volatile long lastHeard;
    volatile long closedSince;

    Peer(byte[] id, long now) {
      this.id = id;
      this.lastHeard = now;
    }
  }

  private final ZMQ.Socket socket;
  private final boolean server;
  private final WireCodec codec;
  private final MessageFactory session = new MessageFactory("heart");
  private final Map<String, Peer> peers = new ConcurrentHashMap<>();
  private final long periodNanos;
  private final SocketPoller poller;
  private final Thread thread;
  private final int port;
  private volatile long lastHeard = System.nanoTime();
  private volatile boolean running = true;

  private Heart(ZMQ.Socket socket, boolean server, WireCodec codec, long periodMs, int port, String name) {
    this.socket = socket;
    this.server = server;
    this.codec = codec;
    this.periodNanos = periodMs * 1_000_000L;
    this.port = port;
    this.poller = new SocketPoller(socket);
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The controller's heart: a ROUTER bound on {@code ip}, any free port; {@code secure} readies
   * it before it binds (CurveZMQ beyond loopback, as the controller's other sockets).
   */
  public static Heart serve(ZContext ctx, String ip, WireCodec codec, long periodMs, UnaryOperator<ZMQ.Socket> secure) {
    ZMQ.Socket s = secure.apply(Sockets.tune(ctx.createSocket(SocketType.ROUTER), MAX_MESSAGE));
    s.setRouterMandatory(true);
    int port = s.bindToRandomPort("tcp://" + (ip == null ? "127.0.0.1" : ip));
    return new Heart(s, true, codec, periodMs, port, "jparallel-heart");
  }

  /**
   * A peer's heart: a DEALER with the identity of the peer's main socket, connected to
   * {@code address}; {@code secure} readies it before it connects (the connection's CurveZMQ keys).
   */
  public static Heart beat(ZContext ctx, String address, byte[] identity, WireCodec codec, long periodMs,
      UnaryOperator<ZMQ.Socket> secure) {
    ZMQ.Socket s = secure.apply(Sockets.tune(ctx.createSocket(SocketType.DEALER), MAX_MESSAGE));
    s.setIdentity(identity);
    s.connect(address);
    return new Heart(s, false, codec, periodMs, -1, "jparallel-heart-beat");
  }

  /** The heart's address on the host of a controller's main address ({@code tcp://host:port}). */
  public static String address(String mainAddress, int heartPort) {
    return mainAddress.substring(0, mainAddress.lastIndexOf(':') + 1) + heartPort;
  }

  /** The port a served heart listens on. */
  public int port() {
    return port;
  }

  /** Peer side: when the controller was last heard ({@link System#nanoTime()}). */
  public long lastHeard() {
    return lastHeard;
  }

  /** Server side: when the peer with this identity last beat, or 0 if never. */
  public long lastHeard(byte[] identity) {
    Peer p = peers.get(key(identity));
    return p == null ? 0 : p.lastHeard;
  }

  /** Server side: since when the peer's connection is closed, or 0 if it is open (or unknown). */
  public long closedSince(byte[] identity) {
    Peer p = peers.get(key(identity));
    return p == null ? 0 : p.closedSince;
  }

  private static String key(byte[] identity) {
    return new String(identity, StandardCharsets.ISO_8859_1);
  }

  private void loop() {
    long nextBeat = System.nanoTime();
    try {
      while (running) {
        long now = System.nanoTime();
        if (now - nextBeat >= 0) {
          beatAll(now);
          nextBeat = now + periodNanos;
        }
        poller.poll(Math.max(1, (nextBeat - now) / 1_000_000L));
        List<ByteBuffer> frames;
        while (running && (frames = Sockets.poll(socket)) != null) {
          heard(frames);
        }
      }
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("heart stopped: " + e);
      }
    } finally {
      poller.close();
      socket.close();
    }
  }

  private void heard(List<ByteBuffer> frames) {
    Envelope env;
    try {
      env = codec.verify(frames);
      if (server && env.ids().isEmpty()) {
        throw new BadMessageException("no routing identity");
      }
    } catch (BadMessageException e) {
      LOG.bad("heart", "dropped a bad heartbeat: " + e.getMessage());
      return;
    }
    long now = System.nanoTime();
    if (!server) {
      lastHeard = now;
      return;
    }
    byte[] id = env.ids().get(0);
    Peer p = peers.computeIfAbsent(key(id), k -> new Peer(id, now));
    p.lastHeard = now;
    p.closedSince = 0;
  }

  private void beatAll(long now) {
    List<ByteBuffer> beat = codec.encode(session.message(MsgType.HEARTBEAT, Json.object()));
    if (!server) {
      Sockets.sendNow(socket, beat);
      return;
    }
    for (Peer p : peers.values()) {
      List<ByteBuffer> frames = new ArrayList<>(beat.size() + 1);
      frames.add(ByteBuffer.wrap(p.id));
      beat.forEach(b -> frames.add(b.duplicate()));
      if (Sockets.sendNow(socket, frames)) {
        p.closedSince = 0;
      } else if (p.closedSince == 0) {
        p.closedSince = now;
      } else if (now - p.closedSince > FORGET_NANOS) {
        peers.remove(key(p.id));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    poller.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
