package io.jparallel.wire;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** Multipart send and receive on a socket owned by the calling thread. */
public final class Sockets {
  private Sockets() {}

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
