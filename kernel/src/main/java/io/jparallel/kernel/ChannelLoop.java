package io.jparallel.kernel;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One ROUTER channel (shell or control) served by its own thread in a blocking receive:
 * a request is handled as soon as it arrives (basekernel 2.3.0 polled, then slept 50 ms
 * after every message). Forged, truncated, replayed or garbage messages are logged and
 * dropped; a handler that throws is logged; the loop keeps serving either way. The socket
 * and the codec (core's, in its Jupyter form) are used only by this thread, so handlers reply
 * through {@link #send} from within {@link RequestHandler#handle}.
 */
public final class ChannelLoop implements Runnable {
  /** Handles one valid request on this loop's thread. */
  @FunctionalInterface
  public interface RequestHandler {
    void handle(Message request, ChannelLoop channel);
  }

  private static final Log LOG = Log.of("kernel");
  private static final int POLL_MILLIS = 200;
  private static final int MAX_FRAMES = 4096;

  private final String name;
  private final ZMQ.Socket socket;
  private final WireCodec codec;
  private final RequestHandler handler;
  private volatile boolean running = true;

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
        List<ByteBuffer> frames = receive(0);
        if (frames != null) {
          dispatch(frames);
        }
      } catch (ZMQException | IllegalStateException e) {
        if (running) {
          LOG.debug(name + " socket closed: " + e);
        }
        return;
      }
    }
  }

  public void stop() {
    running = false;
  }

  /** Sends on this channel; call only from this loop's thread (inside a handler). */
  public void send(Message m) {
    Sockets.send(socket, codec.encode(m));
  }

  /**
   * The next valid request that has already arrived, without waiting (for aborting the
   * queue after an error); invalid messages met on the way are dropped as usual.
   */
  public Optional<Message> pollArrived() {
    while (true) {
      List<ByteBuffer> frames = receive(ZMQ.DONTWAIT);
      if (frames == null) {
        return Optional.empty();
      }
      Optional<Message> m = decode(frames);
      if (m.isPresent()) {
        return m;
      }
    }
  }

  private void dispatch(List<ByteBuffer> frames) {
    Optional<Message> m = decode(frames);
    if (m.isEmpty()) {
      return;
    }
    try {
      handler.handle(m.get(), this);
    } catch (RuntimeException e) {
      LOG.warn(name + ": handling " + m.get().type() + " failed", e);
    }
  }

  private Optional<Message> decode(List<ByteBuffer> frames) {
    try {
      return Optional.of(codec.decode(frames));
    } catch (BadMessageException e) {
      LOG.warn(name + ": dropped invalid message (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private List<ByteBuffer> receive(int flags) {
    List<ByteBuffer> frames = Sockets.recv(socket, flags);
    return frames != null && frames.size() > MAX_FRAMES ? List.of() : frames; // too many frames: dropped as invalid
  }
}
