package io.jparallel.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.jparallel.wire.Log;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.ReplayGuard;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's sockets and threads, replacing basekernel's {@code JupyterConnection}: shell
 * and control each served by a blocking {@link ChannelLoop}, IOPub written only by the
 * {@link IOPubPublisher}, the heartbeat echoed by its own thread, stdin bound (input
 * requests are not supported). Messages are core's ({@link WireCodec#jupyter}: HMAC of the
 * connection file's scheme checked before parsing, one {@link ReplayGuard} for every channel),
 * each socket-owning thread with its own codec. {@link #shutdown} closes the interpreter
 * (stopping the session's cluster) and every socket.
 */
public final class KernelServer implements AutoCloseable {
  private static final Log LOG = Log.of("kernel");

  private final ZContext context = new ZContext();
  private final JParallelKernel kernel;
  private final IOPubPublisher iopub;
  private final ChannelLoop shell;
  private final ChannelLoop control;
  private final Thread heartbeat;
  private final List<Thread> threads;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  public KernelServer(KernelConnectionProperties connection, JParallelKernel kernel) {
    this.kernel = kernel;
    MessageFactory messages = new MessageFactory("kernel");
    WireCodec codec = WireCodec.jupyter(Signer.forJupyter(connection.getSignatureScheme(), connection.getKey()),
        new ReplayGuard());

    ZMQ.Socket iopubSocket = bind(SocketType.PUB, connection, connection.getIopubPort());
    ZMQ.Socket shellSocket = bind(SocketType.ROUTER, connection, connection.getShellPort());
    ZMQ.Socket controlSocket = bind(SocketType.ROUTER, connection, connection.getControlPort());
    bind(SocketType.ROUTER, connection, connection.getStdinPort());
    ZMQ.Socket hbSocket = bind(SocketType.REP, connection, connection.getHbPort());

    WireCodec iopubCodec = codec.copy();
    this.iopub = new IOPubPublisher(m -> Sockets.send(iopubSocket, iopubCodec.encode(m)), messages);
    RequestRouter router = new RequestRouter(kernel, iopub, messages, this::shutdownAsync);
    this.shell = new ChannelLoop("shell", shellSocket, codec.copy(), router::shell);
    this.control = new ChannelLoop("control", controlSocket, codec.copy(), router::control);
    this.heartbeat = new Thread(() -> echo(hbSocket), "jparallel-heartbeat");
    this.threads = List.of(new Thread(shell, "jparallel-shell"), new Thread(control, "jparallel-control"), heartbeat);
  }

  public KernelServer start() {
    threads.forEach(t -> {
      t.setDaemon(true);
      t.start();
    });
    iopub.status(null, "starting");
    return this;
  }

  /** Blocks until a shutdown request was answered and everything is closed. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Stops the running cell, closes the session (and its cluster), then the sockets. */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    try {
      kernel.interrupt();
      kernel.onShutdown(false);
    } catch (RuntimeException e) {
      LOG.warn("closing the session failed: " + e);
    } finally {
      shell.stop();
      control.stop();
      for (Thread t : threads) {
        joinQuietly(t);
      }
      iopub.close();
      context.close();
      stopped.countDown();
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  private void shutdownAsync() {
    Thread t = new Thread(this::shutdown, "jparallel-shutdown");
    t.start();
  }

  private static void joinQuietly(Thread t) {
    if (t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitQuietly() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ZMQ.Socket bind(SocketType type, KernelConnectionProperties c, int port) {
    ZMQ.Socket s = context.createSocket(type);
    s.setLinger(1000);
    String address = "ipc".equals(c.getTransport())
        ? "ipc://" + c.getIp() + "-" + port
        : c.getTransport() + "://" + c.getIp() + ":" + port;
    s.bind(address);
    return s;
  }

  private void echo(ZMQ.Socket hb) {
    hb.setReceiveTimeOut(500);
    while (!stopping.get()) {
      try {
        byte[] ping = hb.recv(0);
        if (ping != null) {
          boolean more = hb.hasReceiveMore();
          hb.send(ping, more ? ZMQ.SNDMORE : 0);
          while (more) {
            byte[] f = hb.recv(0);
            more = hb.hasReceiveMore();
            hb.send(f, more ? ZMQ.SNDMORE : 0);
          }
        }
      } catch (RuntimeException e) {
        return;
      }
    }
  }
}
