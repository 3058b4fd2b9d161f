package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.jparallel.wire.Frames;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import io.jparallel.wire.ReplayGuard;
import io.jparallel.wire.Signer;
import io.jparallel.wire.Sockets;
import io.jparallel.wire.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The kernel's sockets and handlers, driven by a JeroMQ client (the Python clients are in the ITs). */
class KernelServerTest {
  private final ScriptedInterpreter interpreter = new ScriptedInterpreter();
  private final ZContext ctx = new ZContext();
  private final WireCodec clientCodec = WireCodec.jupyter(Signer.forJupyter("hmac-sha256", "k3y"), new ReplayGuard());
  private final MessageFactory clientMessages = new MessageFactory("client");
  private KernelServer server;
  private ZMQ.Socket shell;
  private ZMQ.Socket control;
  private ZMQ.Socket iopub;

  @BeforeEach
  void start() throws Exception {
    int[] ports = freePorts(5);
    String json = "{\"ip\":\"127.0.0.1\",\"transport\":\"tcp\",\"signature_scheme\":\"hmac-sha256\",\"key\":\"k3y\","
        + "\"shell_port\":" + ports[0] + ",\"control_port\":" + ports[1] + ",\"iopub_port\":" + ports[2]
        + ",\"stdin_port\":" + ports[3] + ",\"hb_port\":" + ports[4] + "}";
    server = new KernelServer(KernelConnectionProperties.parse(json), new JParallelKernel(interpreter)).start();
    shell = connect(SocketType.DEALER, ports[0]);
    control = connect(SocketType.DEALER, ports[1]);
    iopub = connect(SocketType.SUB, ports[2]);
    iopub.subscribe(new byte[0]);
    Thread.sleep(200); // slow joiner: let the subscription reach the publisher
  }

  @AfterEach
  void stop() {
    server.shutdown();
    ctx.close();
  }

  private ZMQ.Socket connect(SocketType type, int port) {
    ZMQ.Socket s = ctx.createSocket(type);
    s.setLinger(0);
    s.setReceiveTimeOut(10_000);
    s.connect("tcp://127.0.0.1:" + port);
    return s;
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ServerSocket s = new ServerSocket(0);
      open.add(s);
      ports[i] = s.getLocalPort();
    }
    for (ServerSocket s : open) {
      s.close();
    }
    return ports;
  }

  private Message send(ZMQ.Socket socket, String type, ObjectNode content) {
    Message m = clientMessages.message(type, content);
    sendFrames(socket, clientCodec.encode(m));
    return m;
  }

  private static void sendFrames(ZMQ.Socket socket, List<ByteBuffer> frames) {
    Sockets.send(socket, frames);
  }

  private Message receive(ZMQ.Socket socket) throws Exception {
    List<ByteBuffer> frames = Sockets.recv(socket, 0);
    assertThat(frames).as("a message within the receive timeout").isNotNull();
    return clientCodec.decode(frames);
  }

  private Message reply(ZMQ.Socket socket, Message request) throws Exception {
    Message r = receive(socket);
    assertThat(r.parent().msgId()).isEqualTo(request.id());
    return r;
  }

  /** IOPub messages of one request until its idle status. */
  private List<Message> iopubUntilIdle(Message request) throws Exception {
    List<Message> out = new ArrayList<>();
    while (true) {
      Message m = receive(iopub);
      if (!request.id().equals(m.parent() != null ? m.parent().msgId() : null)) {
        continue;
      }
      out.add(m);
      if (m.type().equals("status") && m.content().get("execution_state").asText().equals("idle")) {
        return out;
      }
    }
  }

  private static ObjectNode code(String code) {
    return Json.object().put("code", code);
  }

  @Test
  void kernelInfoHasStatusOkOnShellAndControl() throws Exception {
    for (ZMQ.Socket s : List.of(shell, control)) {
      Message req = send(s, "kernel_info_request", Json.object());
      Message r = reply(s, req);
      assertThat(r.type()).isEqualTo("kernel_info_reply");
      assertThat(r.content().get("status").asText()).isEqualTo("ok");
      assertThat(r.content().get("language_info").get("file_extension").asText()).isEqualTo(".jsh");
      assertThat(r.content().get("language_info").get("name").asText()).isEqualTo("java");
    }
  }

  @Test
  void executePublishesInputOutputResultAndStatusInOrder() throws Exception {
    Message req = send(shell, "execute_request", code("print"));
    Message r = reply(shell, req);
    assertThat(r.content().get("status").asText()).isEqualTo("ok");
    assertThat(r.content().get("execution_count").asInt()).isEqualTo(1);
    assertThat(iopubUntilIdle(req)).extracting(Message::type)
        .containsExactly("status", "execute_input", "stream", "display_data", "execute_result", "status");
  }

  /** One request after the other, each answered (how fast: {@code src/test/python/latency_bench.py}). */
  @Test
  void noOpRoundTripsFollowEachOther() throws Exception {
    for (int i = 0; i < 300; i++) {
      Message req = send(shell, "execute_request", code(""));
      assertThat(reply(shell, req).content().get("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void invalidMessagesAreDroppedAndTheLoopsKeepServing() throws Exception {
    for (ZMQ.Socket s : List.of(shell, control)) {
      sendFrames(s, Frames.of("garbage".getBytes(StandardCharsets.UTF_8)));
      List<ByteBuffer> forged = new ArrayList<>(clientCodec.encode(clientMessages.message("kernel_info_request",
          Json.object())));
      forged.set(1, ByteBuffer.wrap("f".repeat(64).getBytes(StandardCharsets.US_ASCII)));
      sendFrames(s, forged);
      sendFrames(s, forged.subList(0, 3));
      Message req = send(s, "kernel_info_request", Json.object());
      assertThat(reply(s, req).content().get("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void interruptOnControlStopsTheRunningCell() throws Exception {
    Message running = send(shell, "execute_request", code("block"));
    Thread.sleep(200);
    Message interrupt = send(control, "interrupt_request", Json.object());
    assertThat(reply(control, interrupt).content().get("status").asText()).isEqualTo("ok");
    Message r = reply(shell, running);
    assertThat(r.content().get("status").asText()).isEqualTo("error");
    assertThat(r.content().get("ename").asText()).isEqualTo("Interrupted");
    Message next = send(shell, "execute_request", code("7"));
    assertThat(reply(shell, next).content().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void outputAfterTheCellEndedIsPublishedWithItsParent() throws Exception {
    Message req = send(shell, "execute_request", code("late"));
    reply(shell, req);
    iopubUntilIdle(req);
    Message late = receive(iopub);
    assertThat(late.type()).isEqualTo("stream");
    assertThat(late.parent().msgId()).isEqualTo(req.id());
    assertThat(late.content().get("text").asText()).isEqualTo("after the cell\n");
  }

  @Test
  void failedCellAbortsTheQueuedOnesWhenStopOnError() throws Exception {
    Message fail = send(shell, "execute_request", code("slow fail"));
    Message queued = send(shell, "execute_request", code("1"));
    Message r = reply(shell, fail);
    assertThat(r.content().get("status").asText()).isEqualTo("error");
    assertThat(r.content().get("ename").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(r.content().get("evalue").asText()).isEqualTo("boom");
    assertThat(reply(shell, queued).content().get("status").asText()).isEqualTo("aborted");
  }

  @Test
  void historyIsAnswered() throws Exception {
    send(shell, "execute_request", code("a"));
    receive(shell);
    ObjectNode q = Json.object();
    q.put("hist_access_type", "tail");
    q.put("n", 5);
    q.put("output", true);
    q.put("raw", true);
    Message req = send(shell, "history_request", q);
    Message r = reply(shell, req);
    assertThat(r.content().get("status").asText()).isEqualTo("ok");
    assertThat(r.content().get("history").get(0).toString()).isEqualTo("[1,1,[\"a\",\"a\"]]");
  }

  @Test
  void isCompleteCompleteAndInspect() throws Exception {
    Message req = send(shell, "is_complete_request", code("for (;;) {"));
    Message r = reply(shell, req);
    assertThat(r.content().get("status").asText()).isEqualTo("incomplete");
    assertThat(r.content().get("indent").asText()).isEqualTo("    ");
    req = send(shell, "is_complete_request", code("int x = ;"));
    assertThat(reply(shell, req).content().get("status").asText()).isEqualTo("invalid");
    ObjectNode c = code("Sys");
    c.put("cursor_pos", 3);
    req = send(shell, "complete_request", c);
    r = reply(shell, req);
    assertThat(r.content().get("matches").get(0).asText()).isEqualTo("Sys!");
    assertThat(r.content().get("cursor_end").asInt()).isEqualTo(3);
    req = send(shell, "inspect_request", c);
    r = reply(shell, req);
    assertThat(r.content().get("found").asBoolean()).isTrue();
    assertThat(r.content().get("data").get("text/plain").asText()).isEqualTo("doc of Sys");
  }

  @Test
  void shutdownRepliesAndClosesTheSession() throws Exception {
    ObjectNode c = Json.object();
    c.put("restart", false);
    Message req = send(control, "shutdown_request", c);
    Message r = reply(control, req);
    assertThat(r.content().get("status").asText()).isEqualTo("ok");
    server.awaitShutdown();
    assertThat(interpreter.closed).isTrue();
  }
}
