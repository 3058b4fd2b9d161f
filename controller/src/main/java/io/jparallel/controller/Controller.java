package io.jparallel.controller;

import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.CurveServer;
import io.jparallel.wire.Heart;
import io.jparallel.wire.ReplayGuard;
import io.jparallel.wire.LocalEndpoints;
import io.jparallel.wire.Log;
import io.jparallel.wire.Signer;
import io.jparallel.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A running controller: hub and schedulers on one loop thread. Embeddable: {@link #start}
 * returns once both sockets are bound; {@link #close} stops it. {@code jpar controller}
 * runs one in its own JVM.
 */
public final class Controller implements AutoCloseable {
  private static final Log LOG = Log.of("controller");
  private static final AtomicInteger INPROC_IDS = new AtomicInteger();

  private final ZContext context;
  private final ControllerLoop loop;
  private final ConnectionInfo info;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private Controller(ZContext context, ControllerLoop loop, ConnectionInfo info) {
    this.context = context;
    this.loop = loop;
    this.info = info;
  }

  public static Controller start(ControllerOptions options) {
    String key = options.key() == null ? ConnectionInfo.newKey() : options.key();
    ControllerLoop[] loopRef = new ControllerLoop[1];
    // a JeroMQ I/O thread that dies leaves the sockets deaf: say so and stop (jpar controller then exits)
    ZContext context = io.jparallel.wire.Sockets.context(1, why -> {
      ControllerLoop l = loopRef[0];
      if (l != null) {
        l.fatal(why);
      }
    });
    CompletableFuture<Controller> started = new CompletableFuture<>();
    Controller[] self = new Controller[1];
    Thread thread = new Thread(() -> {
      ZMQ.Socket clients = null;
      ZMQ.Socket engines = null;
      Heart heart = null;
      String localKey = null;
      CurveServer curve = null;
      try {
        clients = router(context, options.maxMessage());
        engines = io.jparallel.wire.Sockets.receivePooled(router(context, options.maxMessage())); // replies: their receivers release them
        if (options.curve() || !ConnectionInfo.isLoopback(options.ip() == null ? "127.0.0.1" : options.ip())) {
          curve = CurveServer.start(context); // beyond loopback: encrypted, and only this cluster's peers get in
          curve.secure(clients);
          curve.secure(engines);
        }
        int clientPort = bind(clients, options.ip(), options.clientPort());
        int enginePort = bind(engines, options.ip(), options.enginePort());
        WireCodec codec = new WireCodec(Signer.of(key), new ReplayGuard()); // shared by the heart's copy
        CurveServer secured = curve;
        heart = Heart.serve(context, options.ip(), codec.copy(), options.heartbeatMs(),
            socket -> secured == null ? socket : secured.secure(socket));
        ConnectionInfo info = new ConnectionInfo("tcp", options.ip(), clientPort, enginePort, key,
            Signer.SCHEME, options.clusterId(), ProcessHandle.current().pid(), curve == null ? null : curve.peerKeys());
        String inproc = "inproc://jparallel-clients-" + INPROC_IDS.incrementAndGet();
        clients.bind(inproc);
        localKey = info.clientAddress();
        LocalEndpoints.register(localKey, new LocalEndpoints.Local(context, inproc));
        ControllerLoop loop = new ControllerLoop(options, clients, engines, codec, heart);
        loopRef[0] = loop;
        self[0] = new Controller(context, loop, info);
        started.complete(self[0]);
        LOG.info("listening: clients " + info.clientAddress() + ", engines " + info.engineAddress()
            + ", heartbeats port " + heart.port() + ", scheme " + options.scheme().label()
            + (curve == null ? "" : ", CurveZMQ"));
        loop.run();
      } catch (RuntimeException e) {
        if (!started.isDone()) {
          started.completeExceptionally(e);
        } else {
          LOG.warn("controller loop failed: " + e);
        }
      } finally {
        if (localKey != null) {
          LocalEndpoints.unregister(localKey);
        }
        if (heart != null) {
          heart.close();
        }
        if (curve != null) {
          curve.close();
        }
        context.close();
        if (self[0] != null) {
          String why = self[0].loop.fatalReason();
          if (why == null) {
            self[0].stopped.complete(null);
          } else {
            self[0].stopped.completeExceptionally(new IllegalStateException(why));
          }
        }
      }
    }, "jparallel-controller");
    thread.setDaemon(true);
    thread.start();
    try {
      return started.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
    } catch (InterruptedException | TimeoutException e) {
      context.close();
      throw new IllegalStateException("controller did not start", e);
    }
  }

  private static ZMQ.Socket router(ZContext context, long maxMessage) {
    ZMQ.Socket s = context.createSocket(SocketType.ROUTER);
    s.setRouterMandatory(true);
    return io.jparallel.wire.Sockets.tune(s, maxMessage);
  }

  private static int bind(ZMQ.Socket s, String ip, int port) {
    String host = ip == null ? "127.0.0.1" : ip;
    if (port > 0) {
      s.bind("tcp://" + host + ":" + port);
      return port;
    }
    return s.bindToRandomPort("tcp://" + host);
  }

  /** Where clients and engines connect, and the key. */
  public ConnectionInfo connectionInfo() {
    return info;
  }

  /** Tells the launcher's view of an engine process to the hub: it exited. */
  public void engineProcessExited(long pid, int exitCode) {
    // the launcher knows the code: 75 means it starts the engine again under its id
    loop.engineExited(pid, exitCode);
  }

  /**
   * A launcher's word that engine {@code id}, process {@code pid}, is gone (its batch job
   * ended, its ssh session closed): its running tasks fail now. A successor that registered
   * under the same id (another pid) is left alone.
   */
  public void engineLost(int id, long pid, String why) {
    loop.engineLost(id, pid, why);
  }

  /**
   * Tells every engine to exit, as a client's shutdown request does: a cluster stopping its
   * engines says so first, so that their going is logged as expected rather than as engines lost.
   */
  public void stopEngines() {
    loop.stopEngines();
  }

  /**
   * Completes when the loop has stopped (after {@link #close} or a shutdown request), or
   * exceptionally when it had to stop (a JeroMQ I/O thread died).
   */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  @Override
  public void close() {
    loop.stop();
    try {
      stopped.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // stopped on its own; said why
    } catch (TimeoutException e) {
      LOG.warn("controller loop did not stop in time");
    }
  }
}
