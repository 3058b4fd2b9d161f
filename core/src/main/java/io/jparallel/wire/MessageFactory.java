package io.jparallel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes headers for one peer (a client, an engine, the controller, a Jupyter kernel): a
 * session id, and message ids that are the session id plus a counter (cheap and unique, as
 * Jupyter's own sessions do); dates in microseconds, as Jupyter's clients parse them.
 * Thread-safe.
 */
public final class MessageFactory {
  private final String id;
  private final String username;
  private final AtomicLong counter = new AtomicLong();

  public MessageFactory(String username) {
    this.id = UUID.randomUUID().toString();
    this.username = username;
  }

  public String id() {
    return id;
  }

  public String newMsgId() {
    return id + "_" + counter.incrementAndGet();
  }

  public Header header(String msgType) {
    return new Header(newMsgId(), msgType, id, username, Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
        Header.PROTOCOL_VERSION);
  }

  public Message message(String msgType, ObjectNode content) {
    return new Message(List.of(), header(msgType), null, Json.object(), content, List.of(), List.of());
  }

  /** A message caused by the one whose header is {@code parent} (null for none), e.g. Jupyter's IOPub output. */
  public Message message(String msgType, Header parent, ObjectNode content) {
    return new Message(List.of(), header(msgType), parent, Json.object(), content, List.of(), List.of());
  }

  public Message message(String msgType, ObjectNode metadata, ObjectNode content, List<byte[]> buffers, List<ByteBuffer> raw) {
    return new Message(List.of(), header(msgType), null, metadata, content, buffers, raw);
  }

  /** A reply to {@code request} with empty metadata and no buffers, addressed back through its routing identities. */
  public Message reply(Message request, String msgType, ObjectNode content) {
    return reply(request, msgType, Json.object(), content, List.of(), List.of());
  }

  /** A reply to {@code request}, addressed back through its routing identities. */
  public Message reply(Message request, String msgType, ObjectNode metadata, ObjectNode content,
      List<byte[]> buffers, List<ByteBuffer> raw) {
    return new Message(request.ids(), header(msgType), request.header(), metadata, content, buffers, raw);
  }
}
