package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Socket settings shared by every peer, and multipart send and receive on a socket owned by the calling thread. */
public final class Sockets {
  /**
   * JeroMQ 0.6.0 sometimes stalls a TCP handshake for good (about 2% of connections here:
   * one side never reads the other's greeting). A short handshake interval makes such a
   * connection time out and reconnect at once instead of losing every message sent on it.
   */
  public static final int HANDSHAKE_MS = 500;

  private Sockets() {}

  /** No high-water marks (flow control is the protocol's), no linger, quick handshake retries. */
  public static ZMQ.Socket tune(ZMQ.Socket socket) {
    socket.setSndHWM(0);
    socket.setRcvHWM(0);
    socket.setLinger(0);
    socket.setHandshakeIvl(HANDSHAKE_MS);
    socket.setReconnectIVL(50);
    socket.setReconnectIVLMax(1000);
    // JeroMQ's own direct buffers (from 1 MiB) are fresh, zeroed memory each time and copied
    // again into a byte[] by a plain receive: keep frames on the heap unless pooled below
    socket.setMsgAllocationHeapThreshold(Integer.MAX_VALUE);
    return socket;
  }

  /**
   * Receives large frames into {@link BufferPool} buffers (read with no temporary copy). Only
   * for sockets whose receivers release those frames once done with them.
   */
  public static ZMQ.Socket receivePooled(ZMQ.Socket socket) {
    BufferPool pool = BufferPool.shared();
    socket.setMsgAllocator(size -> {
      ByteBuffer b = size >= BufferPool.MIN_SIZE ? pool.acquire(size) : null;
      return b != null ? new zmq.Msg(b) : new zmq.Msg(size);
    });
    return socket;
  }

  /** Receives one whole multipart message, or null if none is waiting (with DONTWAIT). */
  public static List<ByteBuffer> recv(ZMQ.Socket socket, int flags) {
    zmq.Msg first = recvFrame(socket, flags);
    if (first == null) {
      return null;
    }
    List<ByteBuffer> frames = new ArrayList<>(8);
    frames.add(buffer(first));
    zmq.Msg m = first;
    while (m.hasMore()) {
      m = recvFrame(socket, 0);
      if (m == null) {
        break;
      }
      frames.add(buffer(m));
    }
    return frames;
  }

  /**
   * Receives one whole message if one is waiting, else null. It asks for the socket's events
   * first: that processes pending commands without JeroMQ's throttle (a plain non-blocking
   * receive processes them at most every 3 ms, which would add milliseconds per message
   * when a thread selects on {@code ZMQ_FD} itself).
   */
  public static List<ByteBuffer> poll(ZMQ.Socket socket) {
    if ((socket.getEvents() & ZMQ.Poller.POLLIN) == 0) {
      return null;
    }
    return recv(socket, ZMQ.DONTWAIT);
  }

  /** Sends frames as one multipart message; false if the socket refused it (e.g. unknown peer). */
  public static boolean send(ZMQ.Socket socket, List<ByteBuffer> frames) {
    return send(socket, frames, 0);
  }

  /** As {@link #send(ZMQ.Socket, List)}, with extra flags (DONTWAIT) on the first frame. */
  public static boolean send(ZMQ.Socket socket, List<ByteBuffer> frames, int firstFlags) {
    int last = frames.size() - 1;
    for (int i = 0; i <= last; i++) {
      int flags = (i == 0 ? firstFlags : 0) | (i < last ? ZMQ.SNDMORE : 0);
      if (socket.sendByteBuffer(exact(frames.get(i)), flags) < 0) {
        return false;
      }
    }
    return true;
  }

  /** JeroMQ writes a large frame's buffer up to its capacity: hand it a view no larger than the frame. */
  private static ByteBuffer exact(ByteBuffer frame) {
    return frame.position() == 0 && frame.limit() == frame.capacity() ? frame : frame.slice();
  }

  private static zmq.Msg recvFrame(ZMQ.Socket socket, int flags) {
    zmq.Msg m = socket.base().recv(flags);
    if (m == null) {
      int errno = socket.base().errno();
      if (errno != 0 && errno != ZMQ.Error.EAGAIN.getCode()) {
        throw new ZMQException(errno);
      }
    }
    return m;
  }

  private static ByteBuffer buffer(zmq.Msg m) {
    ByteBuffer b = m.buf();
    b.limit(m.size()).position(0);
    return b;
  }
}
