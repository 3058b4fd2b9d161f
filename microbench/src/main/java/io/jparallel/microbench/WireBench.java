package io.jparallel.microbench;

import io.jparallel.wire.BadMessageException;
import io.jparallel.wire.Envelope;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Signer;
import io.jparallel.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each peer does per task message, one benchmark per step of the load-balanced echo's
 * path: the client encodes a request, the controller verifies it and reads its header and
 * metadata, the engine decodes it and encodes a reply, the controller verifies the reply and
 * reads its parent's id and metadata, the client decodes it. The messages are shaped like
 * {@code jpar bench latency}'s (a serialized lambda and one argument as signed buffers, the
 * engine's nine metadata fields). Run with {@code -prof gc} for the bytes each allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireBench {
  private WireCodec codec;
  private Message request;
  private Message reply;
  private List<ByteBuffer> requestFrames;
  private List<ByteBuffer> replyFrames;

  @Setup
  public void setUp() {
    codec = new WireCodec(Signer.of("0123456789abcdef0123456789abcdef"));
    MessageFactory client = new MessageFactory("bench");
    MessageFactory engine = new MessageFactory("engine");
    byte[] lambda = new byte[620];
    Arrays.fill(lambda, (byte) 7);
    byte[] argument = new byte[81];
    var content = Json.object();
    content.putObject("fn").put("s", 0);
    content.put("fn_hash", "3f2a9c1e8b7d6a5f4e3d2c1b0a998877");
    content.putArray("args").addObject().put("t", "obj").put("s", 1);
    content.putArray("classes");
    var meta = Json.object().put("client_sent_us", 1_733_337_000_123_456L);
    request = client.message(MsgType.APPLY_REQUEST, meta, content, List.of(lambda, argument), List.of());
    var md = Json.object().put("engine_id", 2).put("started", "2026-12-04T19:00:00.123456Z")
        .put("completed", "2026-12-04T19:00:00.123470Z").put("run_us", 14)
        .put("engine_in_us", 1_733_337_000_123_500L).put("started_us", 1_733_337_000_123_510L)
        .put("completed_us", 1_733_337_000_123_524L).put("status", "ok");
    var result = Json.object().put("status", "ok");
    result.putObject("result").put("t", "obj").put("s", 0);
    reply = new Message(List.of(), engine.header(MsgType.APPLY_REPLY), request.header(), md, result,
        List.of(argument), List.of());
    requestFrames = codec.encode(withId(request));
    replyFrames = codec.encode(reply);
    parts();
  }

  private static Message withId(Message m) {
    return new Message(List.of("client-1".getBytes(StandardCharsets.US_ASCII)), m.header(), m.parent(),
        m.metadata(), m.content(), m.buffers(), m.raw());
  }

  /** Frames as a socket hands them over: fresh buffers over the same bytes. */
  private static List<ByteBuffer> received(List<ByteBuffer> frames) {
    List<ByteBuffer> out = new ArrayList<>(frames.size());
    for (ByteBuffer f : frames) {
      out.add(f.duplicate());
    }
    return out;
  }

  @Benchmark
  public List<ByteBuffer> clientEncodesRequest() {
    return codec.encode(request);
  }

  /** The controller's part of a request: verify, header, metadata. */
  @Benchmark
  public Object controllerReadsRequest() throws BadMessageException {
    Envelope env = codec.verify(received(requestFrames));
    Header h = env.header();
    return env.metadata().path("timeout_ms").asLong(0) + h.msgId().length();
  }

  @Benchmark
  public Message engineDecodesRequest() throws BadMessageException {
    return codec.decode(received(requestFrames));
  }

  @Benchmark
  public List<ByteBuffer> engineEncodesReply() {
    return codec.encode(reply);
  }

  /** The controller's part of a reply: verify, header, parent id, metadata. */
  @Benchmark
  public Object controllerReadsReply() throws BadMessageException {
    Envelope env = codec.verify(received(replyFrames));
    String type = env.header().msgType();
    String parent = env.parentMsgId();
    return env.metadata().path("run_us").asLong(0) + type.length() + parent.length();
  }

  @Benchmark
  public Message clientDecodesReply() throws BadMessageException {
    return codec.decode(received(replyFrames));
  }

  /** Only the split and the signature check of a reply. */
  @Benchmark
  public Envelope verifyReply() throws BadMessageException {
    return codec.verify(received(replyFrames));
  }

  /** Only the reply's metadata, parsed into a tree. */
  @Benchmark
  public Object replyMetadata() throws Exception {
    return Json.objectOf(replyMetadata);
  }

  /** Only the reply's parent header. */
  @Benchmark
  public Object replyParent() throws Exception {
    return Json.header(replyParent);
  }

  private byte[] replyMetadata;
  private byte[] replyParent;

  private void parts() {
    replyMetadata = Json.bytes(reply.metadata());
    replyParent = Json.bytes(reply.parent());
  }

  /** HMAC-SHA256 of a request's signed parts, as each receiver checks it. */
  @Benchmark
  public byte[] sign() {
    return codecSigner.sign(signedParts, 0);
  }

  private final Signer codecSigner = Signer.of("0123456789abcdef0123456789abcdef");
  private final List<byte[]> signedParts = List.of(new byte[160], new byte[2], new byte[40], new byte[120],
      new byte[620], new byte[81]);
}
