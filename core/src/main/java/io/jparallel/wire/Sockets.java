package io.jparallel.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.zeromq.ZContext;
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

  /**
   * Default largest message a socket accepts (system property {@code jparallel.max.message},
   * controller option {@code --max-message}): 1 GiB. Large enough for the arrays users send
   * (a frame is one array), small enough that a header declaring more is refused by JeroMQ's
   * decoder before anything is allocated. One message of up to this size is still allocated
   * before it is authenticated (ZMTP frames a message before HMAC can be checked), so a hostile
   * peer can cost the controller this much memory per connection while its frame lasts.
   */
  public static final long DEFAULT_MAX_MESSAGE = 1L << 30;

  private static final Log LOG = Log.of("sockets");

  private Sockets() {}

  /** The largest message sockets of this JVM accept unless told otherwise. */
  public static long maxMessage() {
    return Long.getLong("jparallel.max.message", DEFAULT_MAX_MESSAGE);
  }

  /**
   * A context whose JeroMQ I/O threads are watched: if one dies (an {@code Error} such as
   * {@code OutOfMemoryError}) or keeps failing, {@code fatal} is told why, once, so the owner
   * can say so and stop instead of lingering with sockets nobody serves.
   */
  public static ZContext context(int ioThreads, Consumer<String> fatal) {
    ZContext ctx = new ZContext(ioThreads);
    AtomicBoolean told = new AtomicBoolean();
    Consumer<String> once = why -> {
      if (told.compareAndSet(false, true)) {
        LOG.warn(why);
        fatal.accept(why);
      }
    };
    ctx.setUncaughtExceptionHandler((t, e) -> once.accept("JeroMQ I/O thread " + t.getName() + " died: " + e));
    long[] window = new long[2]; // start, failures
    ctx.setNotificationExceptionHandler((t, e) -> {
      long now = System.nanoTime();
      synchronized (window) {
        if (now - window[0] > 10_000_000_000L) {
          window[0] = now;
          window[1] = 0;
        }
        if (++window[1] > 1000) {
          once.accept("JeroMQ I/O thread " + t.getName() + " keeps failing (" + e + ")");
          return;
        }
      }
      LOG.bad("io-thread", "JeroMQ I/O thread " + t.getName() + ": " + e);
    });
    return ctx;
  }

  /**
   * No high-water marks (flow control is the protocol's), no linger, quick handshake retries,
   * and a bounded message size ({@link #maxMessage()}).
   */
  public static ZMQ.Socket tune(ZMQ.Socket socket) {
    return tune(socket, maxMessage());
  }

  /** As {@link #tune(ZMQ.Socket)} with a given largest message. */
  public static ZMQ.Socket tune(ZMQ.Socket socket, long maxMessage) {
    socket.setMaxMsgSize(maxMessage);
    socket.setMsgAllocator(new GuardedAllocator(false));
    socket.setSndHWM(0);
    socket.setRcvHWM(0);
    socket.setLinger(0);
    socket.setHandshakeIvl(HANDSHAKE_MS);
    socket.setReconnectIVL(50);
    socket.setReconnectIVLMax(1000);
    // frames are allocated by GuardedAllocator: on the heap (JeroMQ's own direct buffers, from
    // 1 MiB, are fresh zeroed memory each time and copied again into a byte[] by a plain receive)
    // unless pooled (receivePooled)
    return socket;
  }

  /**
   * Receives large frames into {@link BufferPool} buffers (read with no temporary copy). Only
   * for sockets whose receivers release those frames once done with them.
   */
  public static ZMQ.Socket receivePooled(ZMQ.Socket socket) {
    socket.setMsgAllocator(new GuardedAllocator(true));
    return socket;
  }

  /**
   * Allocates received frames. JeroMQ 0.6.0's ZMTP 2/3 decoder reads a frame's 8-byte length as
   * a signed long, so a declared length of 2^63 or more passes its maximum-size check as a
   * negative number and reaches the allocator (which would throw on the I/O thread, again for
   * every read: the thread spins for good). Such a frame gets an empty command message here,
   * which JeroMQ drops: nothing is allocated and the connection goes on as if it had not come.
   */
  private static final class GuardedAllocator implements zmq.msg.MsgAllocator {
    private final boolean pooled;

    GuardedAllocator(boolean pooled) {
      this.pooled = pooled;
    }

    @Override
    public zmq.Msg allocate(int size) {
      if (size < 0) {
        LOG.bad("frame-size", "refused a frame declaring a length of 2^63 bytes or more");
        zmq.Msg dropped = new zmq.Msg(0);
        dropped.setFlags(zmq.Msg.COMMAND);
        return dropped;
      }
      ByteBuffer b = pooled && size >= BufferPool.MIN_SIZE ? BufferPool.shared().acquire(size) : null;
      return b != null ? new zmq.Msg(b) : new zmq.Msg(size);
    }
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
    if (!readable(socket)) {
      return null;
    }
    return recv(socket, ZMQ.DONTWAIT);
  }

  /** Whether a message waits on the socket (its pending commands processed, as {@link #poll} does). */
  public static boolean readable(ZMQ.Socket socket) {
    return (socket.getEvents() & ZMQ.Poller.POLLIN) != 0;
  }

  /** As {@link #readable(ZMQ.Socket)}, under the lock of a socket other threads send on too. */
  public static boolean readable(ZMQ.Socket socket, Lock lock) {
    lock.lock();
    try {
      return readable(socket);
    } finally {
      lock.unlock();
    }
  }

  /** Sends frames as one multipart message; false if the socket refused it (e.g. unknown peer). */
  public static boolean send(ZMQ.Socket socket, List<ByteBuffer> frames) {
    return send(socket, frames, 0);
  }

  /**
   * Sends without ever waiting: false when the socket cannot take the message now (a ROUTER's
   * peer is gone or its pipe is closing, a DEALER is not connected). Every frame is sent with
   * {@code DONTWAIT}, so a peer that stopped reading can never block the caller.
   */
  public static boolean sendNow(ZMQ.Socket socket, List<ByteBuffer> frames) {
    int last = frames.size() - 1;
    try {
      for (int i = 0; i <= last; i++) {
        int flags = ZMQ.DONTWAIT | (i < last ? ZMQ.SNDMORE : 0);
        if (socket.sendByteBuffer(exact(frames.get(i)), flags) < 0) {
          return false;
        }
      }
      return true;
    } catch (ZMQException e) {
      return false; // EHOSTUNREACH: unknown or vanished peer (ROUTER_MANDATORY)
    }
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
