package io.jparallel.controller;

import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.CurveServer;
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
    ZContext context = new ZContext(1);
    CompletableFuture<Controller> started = new CompletableFuture<>();
    Controller[] self = new Controller[1];
    Thread thread = new Thread(() -> {
      ZMQ.Socket clients = null;
      ZMQ.Socket engines = null;
      String localKey = null;
      CurveServer curve = null;
      try {
        clients = router(context);
        engines = io.jparallel.wire.Sockets.receivePooled(router(context)); // replies: their receivers release them
        if (options.curve() || !ConnectionInfo.isLoopback(options.ip() == null ? "127.0.0.1" : options.ip())) {
          curve = CurveServer.start(context); // beyond loopback: encrypted, and only this cluster's peers get in
          curve.secure(clients);
          curve.secure(engines);
        }
        int clientPort = bind(clients, options.ip(), options.clientPort());
        int enginePort = bind(engines, options.ip(), options.enginePort());
        ConnectionInfo info = new ConnectionInfo("tcp", options.ip(), clientPort, enginePort, key,
            Signer.SCHEME, options.clusterId(), ProcessHandle.current().pid(), curve == null ? null : curve.peerKeys());
        String inproc = "inproc://jparallel-clients-" + INPROC_IDS.incrementAndGet();
        clients.bind(inproc);
        localKey = info.clientAddress();
        LocalEndpoints.register(localKey, new LocalEndpoints.Local(context, inproc));
        ControllerLoop loop = new ControllerLoop(options, clients, engines, new WireCodec(Signer.of(key)));
        self[0] = new Controller(context, loop, info);
        started.complete(self[0]);
        LOG.info("listening: clients " + info.clientAddress() + ", engines " + info.engineAddress()
            + ", scheme " + options.scheme().label() + (curve == null ? "" : ", CurveZMQ"));
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
        if (curve != null) {
          curve.close();
        }
        context.close();
        if (self[0] != null) {
          self[0].stopped.complete(null);
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

  private static ZMQ.Socket router(ZContext context) {
    ZMQ.Socket s = context.createSocket(SocketType.ROUTER);
    s.setRouterMandatory(true);
    return io.jparallel.wire.Sockets.tune(s);
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

  /** Completes when the loop has stopped (after {@link #close} or a shutdown request). */
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
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("controller loop did not stop in time");
    }
  }
}
