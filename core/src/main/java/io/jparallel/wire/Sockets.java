package io.jparallel.wire;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

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
    return socket;
  }

  /** Receives one whole multipart message, or null if none is waiting (with DONTWAIT). */
  public static List<byte[]> recv(ZMQ.Socket socket, int flags) {
    byte[] first = socket.recv(flags);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>(8);
    frames.add(first);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv(0));
    }
    return frames;
  }

  /**
   * Receives one whole message if one is waiting, else null. It asks for the socket's events
   * first: that processes pending commands without JeroMQ's throttle (a plain non-blocking
   * receive processes them at most every 3 ms, which would add milliseconds per message
   * when a thread selects on {@code ZMQ_FD} itself).
   */
  public static List<byte[]> poll(ZMQ.Socket socket) {
    if ((socket.getEvents() & ZMQ.Poller.POLLIN) == 0) {
      return null;
    }
    return recv(socket, ZMQ.DONTWAIT);
  }

  /** Sends frames as one multipart message; false if the socket refused it (e.g. unknown peer). */
  public static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
    int last = frames.size() - 1;
    for (int i = 0; i < last; i++) {
      if (!socket.send(frames.get(i), ZMQ.SNDMORE)) {
        return false;
      }
    }
    return socket.send(frames.get(last), 0);
  }
}
