package io.jparallel.kernel;

import io.jparallel.kernel.wire.InvalidMessageException;
import io.jparallel.kernel.wire.WireCodec;
import io.jparallel.kernel.wire.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One ROUTER channel (shell or control) served by its own thread in a blocking receive:
 * a request is handled as soon as it arrives (basekernel 2.3.0 polled, then slept 50 ms
 * after every message). Forged, truncated, replayed or garbage messages are logged and
 * dropped; a handler that throws is logged; the loop keeps serving either way. The socket
 * is used only by this thread, so handlers reply through {@link #send} from within
 * {@link RequestHandler#handle}.
 */
public final class ChannelLoop implements Runnable {
  /** Handles one valid request on this loop's thread. */
  @FunctionalInterface
  public interface RequestHandler {
    void handle(WireMessage request, ChannelLoop channel);
  }

  private static final Logger LOG = Logger.getLogger(ChannelLoop.class.getName());
  private static final int POLL_MILLIS = 200;
  private static final int MAX_FRAMES = 4096;

  private final String name;
  private final ZMQ.Socket socket;
  private final WireCodec codec;
  private final RequestHandler handler;
  private volatile boolean running = true;
  private long dropped;

  public ChannelLoop(String name, ZMQ.Socket socket, WireCodec codec, RequestHandler handler) {
    this.name = name;
    this.socket = socket;
    this.codec = codec;
    this.handler = handler;
  }

  public String name() {
    return name;
  }

  @Override
  public void run() {
    socket.setReceiveTimeOut(POLL_MILLIS);
    while (running) {
      try {
        List<byte[]> frames = receive(0);
        if (frames != null) {
          dispatch(frames);
        }
      } catch (ZMQException | IllegalStateException e) {
        if (running) {
          LOG.log(Level.FINE, name + " socket closed", e);
        }
        return;
      }
    }
  }

  public void stop() {
    running = false;
  }

  /** Sends on this channel; call only from this loop's thread (inside a handler). */
  public void send(WireMessage m) {
    List<byte[]> frames = codec.encode(m);
    for (int i = 0; i < frames.size(); i++) {
      socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }
  }

  /**
   * The next valid request that has already arrived, without waiting (for aborting the
   * queue after an error); invalid messages met on the way are dropped as usual.
   */
  public Optional<WireMessage> pollArrived() {
    while (true) {
      List<byte[]> frames = receive(ZMQ.DONTWAIT);
      if (frames == null) {
        return Optional.empty();
      }
      Optional<WireMessage> m = decode(frames);
      if (m.isPresent()) {
        return m;
      }
    }
  }

  /** Messages dropped as invalid so far. */
  public long dropped() {
    return dropped;
  }

  private void dispatch(List<byte[]> frames) {
    Optional<WireMessage> m = decode(frames);
    if (m.isEmpty()) {
      return;
    }
    try {
      handler.handle(m.get(), this);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, name + ": handling " + m.get().msgType() + " failed", e);
    }
  }

  private Optional<WireMessage> decode(List<byte[]> frames) {
    try {
      return Optional.of(codec.decode(frames));
    } catch (InvalidMessageException e) {
      dropped++;
      LOG.warning(() -> name + ": dropped invalid message (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private List<byte[]> receive(int flags) {
    byte[] first = socket.recv(flags);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    while (socket.hasReceiveMore()) {
      byte[] f = socket.recv(0);
      if (frames.size() <= MAX_FRAMES) {
        frames.add(f);
      }
    }
    return frames.size() > MAX_FRAMES ? List.of() : frames; // too many frames: dropped as invalid
  }
}
