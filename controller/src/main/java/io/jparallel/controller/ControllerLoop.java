package io.jparallel.controller;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Heart;
import io.jparallel.wire.Log;
import io.jparallel.wire.SocketPoller;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.ZMQ;

/**
 * The controller's event loop: one thread owns the client and engine sockets, drains every
 * readable message per wake-up and hands it to {@link ClientRequests} or
 * {@link EngineRegistry}, then lets the {@link TaskTracker} dispatch and the timers run. Tasks
 * are routed on header and metadata only (content and buffers are forwarded untouched), so
 * no message is copied to a separate hub process.
 */
final class ControllerLoop {
  private static final Log LOG = Log.of("controller");
  /**
   * Messages taken from one socket per round, so neither socket (nor any queue) starves the
   * loop: engines' replies (which free credit) and dispatch come round often under a flood of
   * submissions.
   */
  private static final int DRAIN_LIMIT = 512;
  /**
   * Client messages read between dispatches: a burst of submissions (a map's tasks) starts
   * on the engines while the rest of it is still being read, in batches of up to this many.
   */
  private static final int DISPATCH_EVERY = 16;

  private final ControllerSockets out;
  private final SocketPoller poller;
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final TaskTracker tasks;
  private final EngineRegistry registry;
  private final ClientRequests clients;
  private final TaskRecords records;
  private final Monitor monitor;
  private volatile boolean running = true;
  private volatile String fatal;

  ControllerLoop(ControllerOptions options, ZMQ.Socket clientSocket, ZMQ.Socket engineSocket, WireCodec codec,
      Heart heart) {
    this.out = new ControllerSockets(clientSocket, engineSocket, codec);
    this.poller = new SocketPoller(clientSocket, engineSocket);
    Engines engines = new Engines();
    ClassDistributor classes = new ClassDistributor(out);
    this.tasks = new TaskTracker(options, out, engines, classes);
    JarDistributor jars = new JarDistributor(out, engines);
    this.registry = new EngineRegistry(options, out, engines, tasks, heart, this::engineExited, jars);
    tasks.onUnreachable(registry::engineDied);
    out.onEngineUnreachable(registry::engineDied);
    out.onClientGone(tasks::clientGone);
    this.records = TaskRecords.open(options.db(), this::submit, out, tasks);
    this.monitor = new Monitor(out, engines, tasks);
    tasks.onEvents(ControllerEvents.all(List.of(records, monitor)));
    registry.onEvents(monitor);
    this.clients = new ClientRequests(options, out, registry, tasks, classes, jars, () -> running = false);
    clients.serve(records, monitor);
  }

  /** Stops the loop because the controller cannot go on (a JeroMQ I/O thread died); any thread. */
  void fatal(String why) {
    fatal = "the controller stops: " + why;
    LOG.warn(fatal);
    stop();
  }

  /** Why the loop had to stop, or null. */
  String fatalReason() {
    return fatal;
  }

  /** Runs a command on the loop thread. */
  void submit(Runnable command) {
    commands.add(command);
    poller.wakeup();
  }

  void stop() {
    running = false;
    poller.wakeup();
  }

  /** A launcher saw this engine go (its job ended, its ssh session closed); pid guards against a successor. */
  void engineLost(int id, long pid, String why) {
    submit(() -> registry.engineLost(id, pid, why));
  }

  /** Tells every engine to exit, as a client's shutdown request does (any thread). */
  void stopEngines() {
    submit(registry::shutdownAll);
  }

  /** The engine process with this pid ended, with this code if a launcher knows it (any thread). */
  void engineExited(long pid, Integer exitCode) {
    submit(() -> registry.engineExited(pid, exitCode));
  }

  void run() {
    try {
      loop();
    } finally {
      poller.close();
      records.close();
    }
  }

  private void loop() {
    while (running) {
      long now = System.nanoTime();
      long wake = Math.min(Math.min(registry.nextCheck(), tasks.nextDeadline()), monitor.nextFlush());
      poller.poll(Math.max(1, Math.max(0, wake - now) / 1_000_000L));
      Runnable c;
      while ((c = commands.poll()) != null) {
        c.run();
      }
      if (!running) {
        out.flush();
        break;
      }
      // Drain both sockets on every wake-up: a receive that finds nothing costs little, and
      // the poller's edge-triggered readiness can be missed for messages that arrived early.
      drain(out.engineSocket, true);
      drain(out.clientSocket, false);
      tasks.dispatch();
      out.flush(); // what this turn queued for each engine and client, in batches
      now = System.nanoTime();
      registry.tick(now);
      tasks.tick(now);
      monitor.tick(now);
      out.flush();
    }
  }

  private void drain(ZMQ.Socket socket, boolean fromEngines) {
    int sinceDispatch = 0;
    for (int i = 0; i < DRAIN_LIMIT; i++) {
      List<ByteBuffer> frames = Sockets.poll(socket);
      if (frames == null) {
        return;
      }
      List<List<ByteBuffer>> messages;
      try {
        messages = out.codec.messages(frames);
      } catch (BadMessageException e) {
        bad(fromEngines, e);
        continue;
      }
      for (List<ByteBuffer> m : messages) {
        handle(m, fromEngines);
        if (!fromEngines && ++sinceDispatch == DISPATCH_EVERY) {
          sinceDispatch = 0;
          tasks.dispatch();
          out.flush();
        }
      }
    }
  }

  private void handle(List<ByteBuffer> frames, boolean fromEngines) {
    try {
      Envelope env = out.codec.verify(frames);
      if (env.ids().isEmpty()) {
        throw new BadMessageException("no routing identity");
      }
      if (fromEngines) {
        registry.onMessage(env);
      } else {
        clients.onMessage(env);
      }
    } catch (BadMessageException e) {
      bad(fromEngines, e);
    } catch (RuntimeException e) {
      LOG.bad("failed-message", "could not handle a message: " + e);
    }
  }

  private static void bad(boolean fromEngines, BadMessageException e) {
    LOG.bad("bad-message", "dropped a message from " + (fromEngines ? "an engine" : "a client") + ": "
        + e.getMessage());
  }
}
