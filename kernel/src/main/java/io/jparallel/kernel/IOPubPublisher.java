package io.jparallel.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The only writer of the IOPub socket. Any thread may publish (the shell loop, the control
 * loop, engine output arriving after its cell ended); one thread sends, in call order.
 * Consecutive stream text for the same cell and stream is merged into one {@code stream}
 * message: it is sent once no more text arrived for {@link #LINGER_NANOS}, once
 * {@link #MAX_DELAY_NANOS} passed since its first chunk, when it reaches {@link #MAX_CHARS},
 * or before any other message (so a cell's output always precedes its {@code idle}).
 */
public final class IOPubPublisher implements AutoCloseable {
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final int MAX_CHARS = 64 * 1024;
  private static final Log LOG = Log.of("kernel");

  private record Item(Header parent, String msgType, ObjectNode content, String stream, String text, CountDownLatch flushed) {}

  private static final Item STOP = new Item(null, null, null, null, null, null);

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Consumer<Message> sink;
  private final MessageFactory messages;
  private final Thread thread;

  private Header pendingParent;
  private String pendingStream;
  private final StringBuilder pendingText = new StringBuilder();
  private long pendingSince;
  private long lastChunk;

  /** {@code sink} sends one message on the IOPub socket; it is only called from this publisher's thread. */
  public IOPubPublisher(Consumer<Message> sink, MessageFactory messages) {
    this.sink = sink;
    this.messages = messages;
    this.thread = new Thread(this::loop, "jparallel-iopub");
    thread.setDaemon(true);
    thread.start();
  }

  /** Publishes a message whose parent is the request header {@code parent} (null for none). */
  public void publish(Header parent, String msgType, ObjectNode content) {
    queue.add(new Item(parent, msgType, content, null, null, null));
  }

  public void status(Header parent, String state) {
    publish(parent, "status", Json.object().put("execution_state", state));
  }

  /** Text on {@code stdout} or {@code stderr} of the cell whose request header is {@code parent}. */
  public void stream(Header parent, String stream, String text) {
    if (!text.isEmpty()) {
      queue.add(new Item(parent, null, null, stream, text, null));
    }
  }

  /** Waits until everything published before this call has been handed to the socket. */
  public boolean flush(long timeoutMillis) throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1);
    queue.add(new Item(null, null, null, null, null, latch));
    return latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    queue.add(STOP);
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try {
      while (true) {
        Item item = pendingText.isEmpty() ? queue.take() : queue.poll(untilFlushDue(), TimeUnit.NANOSECONDS);
        if (item == null) {
          sendPendingStream();
        } else if (item == STOP) {
          sendPendingStream();
          return;
        } else if (item.flushed() != null) {
          sendPendingStream();
          item.flushed().countDown();
        } else if (item.stream() != null) {
          addStream(item);
        } else {
          sendPendingStream();
          send(item.parent(), item.msgType(), item.content());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long untilFlushDue() {
    long now = System.nanoTime();
    return Math.max(0, Math.min(lastChunk + LINGER_NANOS, pendingSince + MAX_DELAY_NANOS) - now);
  }

  private void addStream(Item item) {
    if (!pendingText.isEmpty() && (!item.stream().equals(pendingStream) || !sameCell(item.parent(), pendingParent))) {
      sendPendingStream();
    }
    long now = System.nanoTime();
    if (pendingText.isEmpty()) {
      pendingParent = item.parent();
      pendingStream = item.stream();
      pendingSince = now;
    }
    pendingText.append(item.text());
    lastChunk = now;
    if (pendingText.length() >= MAX_CHARS || now - pendingSince >= MAX_DELAY_NANOS) {
      sendPendingStream();
    }
  }

  private static boolean sameCell(Header a, Header b) {
    if (a == b) {
      return true;
    }
    return a != null && b != null && Objects.equals(a.msgId(), b.msgId());
  }

  private void sendPendingStream() {
    if (pendingText.isEmpty()) {
      return;
    }
    ObjectNode c = Json.object().put("name", pendingStream).put("text", pendingText.toString());
    pendingText.setLength(0);
    send(pendingParent, "stream", c);
  }

  /** An IOPub message; its topic is the message type. */
  private void send(Header parent, String msgType, ObjectNode content) {
    Message m = messages.message(msgType, parent, content).withIds(List.of(msgType.getBytes(StandardCharsets.UTF_8)));
    try {
      sink.accept(m);
    } catch (RuntimeException e) {
      LOG.warn("could not publish " + msgType + " on IOPub", e);
    }
  }
}
