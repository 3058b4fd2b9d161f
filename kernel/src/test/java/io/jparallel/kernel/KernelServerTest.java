package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.jparallel.kernel.wire.Headers;
import io.jparallel.kernel.wire.MessageSigner;
import io.jparallel.kernel.wire.ReplayGuard;
import io.jparallel.kernel.wire.WireCodec;
import io.jparallel.kernel.wire.WireMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  private final WireCodec clientCodec = new WireCodec(MessageSigner.of("hmac-sha256", "k3y"), new ReplayGuard());
  private final Headers clientHeaders = new Headers();
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

  private WireMessage send(ZMQ.Socket socket, String type, JsonObject content) {
    WireMessage m = new WireMessage(List.of(), clientHeaders.header(type), new JsonObject(), new JsonObject(), content, List.of());
    sendFrames(socket, clientCodec.encode(m));
    return m;
  }

  private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }
  }

  private WireMessage receive(ZMQ.Socket socket) throws Exception {
    List<byte[]> frames = new ArrayList<>();
    byte[] f = socket.recv(0);
    assertThat(f).as("a message within the receive timeout").isNotNull();
    frames.add(f);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv(0));
    }
    return clientCodec.decode(frames);
  }

  private WireMessage reply(ZMQ.Socket socket, WireMessage request) throws Exception {
    WireMessage r = receive(socket);
    assertThat(r.parentHeader().get("msg_id").getAsString()).isEqualTo(request.msgId());
    return r;
  }

  /** IOPub messages of one request until its idle status. */
  private List<WireMessage> iopubUntilIdle(WireMessage request) throws Exception {
    List<WireMessage> out = new ArrayList<>();
    while (true) {
      WireMessage m = receive(iopub);
      if (!request.msgId().equals(m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : null)) {
        continue;
      }
      out.add(m);
      if (m.msgType().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) {
        return out;
      }
    }
  }

  private static JsonObject code(String code) {
    JsonObject c = new JsonObject();
    c.addProperty("code", code);
    return c;
  }

  @Test
  void kernelInfoHasStatusOkOnShellAndControl() throws Exception {
    for (ZMQ.Socket s : List.of(shell, control)) {
      WireMessage req = send(s, "kernel_info_request", new JsonObject());
      WireMessage r = reply(s, req);
      assertThat(r.msgType()).isEqualTo("kernel_info_reply");
      assertThat(r.content().get("status").getAsString()).isEqualTo("ok");
      assertThat(r.content().getAsJsonObject("language_info").get("file_extension").getAsString()).isEqualTo(".jsh");
      assertThat(r.content().getAsJsonObject("language_info").get("name").getAsString()).isEqualTo("java");
    }
  }

  @Test
  void executePublishesInputOutputResultAndStatusInOrder() throws Exception {
    WireMessage req = send(shell, "execute_request", code("print"));
    WireMessage r = reply(shell, req);
    assertThat(r.content().get("status").getAsString()).isEqualTo("ok");
    assertThat(r.content().get("execution_count").getAsInt()).isEqualTo(1);
    assertThat(iopubUntilIdle(req)).extracting(WireMessage::msgType)
        .containsExactly("status", "execute_input", "stream", "display_data", "execute_result", "status");
  }

  @Test
  void noOpRoundTripIsFarBelowBasekernels50ms() throws Exception {
    for (int i = 0; i < 100; i++) {
      WireMessage req = send(shell, "execute_request", code(""));
      reply(shell, req);
    }
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      WireMessage req = send(shell, "execute_request", code(""));
      reply(shell, req);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    double medianMs = nanos[nanos.length / 2] / 1e6;
    System.out.printf("no-op execute round trip (JeroMQ client, scripted interpreter): median %.3f ms%n", medianMs);
    assertThat(medianMs).isLessThan(5.0);
  }

  @Test
  void invalidMessagesAreDroppedAndTheLoopsKeepServing() throws Exception {
    for (ZMQ.Socket s : List.of(shell, control)) {
      sendFrames(s, List.of("garbage".getBytes(StandardCharsets.UTF_8)));
      List<byte[]> forged = new ArrayList<>(clientCodec.encode(new WireMessage(List.of(),
          clientHeaders.header("kernel_info_request"), new JsonObject(), new JsonObject(), new JsonObject(), List.of())));
      forged.set(1, "f".repeat(64).getBytes(StandardCharsets.US_ASCII));
      sendFrames(s, forged);
      sendFrames(s, forged.subList(0, 3));
      WireMessage req = send(s, "kernel_info_request", new JsonObject());
      assertThat(reply(s, req).content().get("status").getAsString()).isEqualTo("ok");
    }
  }

  @Test
  void interruptOnControlStopsTheRunningCell() throws Exception {
    WireMessage running = send(shell, "execute_request", code("block"));
    Thread.sleep(200);
    WireMessage interrupt = send(control, "interrupt_request", new JsonObject());
    assertThat(reply(control, interrupt).content().get("status").getAsString()).isEqualTo("ok");
    WireMessage r = reply(shell, running);
    assertThat(r.content().get("status").getAsString()).isEqualTo("error");
    assertThat(r.content().get("ename").getAsString()).isEqualTo("Interrupted");
    WireMessage next = send(shell, "execute_request", code("7"));
    assertThat(reply(shell, next).content().get("status").getAsString()).isEqualTo("ok");
  }

  @Test
  void outputAfterTheCellEndedIsPublishedWithItsParent() throws Exception {
    WireMessage req = send(shell, "execute_request", code("late"));
    reply(shell, req);
    iopubUntilIdle(req);
    WireMessage late = receive(iopub);
    assertThat(late.msgType()).isEqualTo("stream");
    assertThat(late.parentHeader().get("msg_id").getAsString()).isEqualTo(req.msgId());
    assertThat(late.content().get("text").getAsString()).isEqualTo("after the cell\n");
  }

  @Test
  void failedCellAbortsTheQueuedOnesWhenStopOnError() throws Exception {
    WireMessage fail = send(shell, "execute_request", code("slow fail"));
    WireMessage queued = send(shell, "execute_request", code("1"));
    WireMessage r = reply(shell, fail);
    assertThat(r.content().get("status").getAsString()).isEqualTo("error");
    assertThat(r.content().get("ename").getAsString()).isEqualTo("java.lang.IllegalStateException");
    assertThat(r.content().get("evalue").getAsString()).isEqualTo("boom");
    assertThat(reply(shell, queued).content().get("status").getAsString()).isEqualTo("aborted");
  }

  @Test
  void historyIsAnswered() throws Exception {
    send(shell, "execute_request", code("a"));
    receive(shell);
    JsonObject q = new JsonObject();
    q.addProperty("hist_access_type", "tail");
    q.addProperty("n", 5);
    q.addProperty("output", true);
    q.addProperty("raw", true);
    WireMessage req = send(shell, "history_request", q);
    WireMessage r = reply(shell, req);
    assertThat(r.content().get("status").getAsString()).isEqualTo("ok");
    assertThat(r.content().getAsJsonArray("history").get(0).toString()).isEqualTo("[1,1,[\"a\",\"a\"]]");
  }

  @Test
  void isCompleteCompleteAndInspect() throws Exception {
    WireMessage req = send(shell, "is_complete_request", code("for (;;) {"));
    WireMessage r = reply(shell, req);
    assertThat(r.content().get("status").getAsString()).isEqualTo("incomplete");
    assertThat(r.content().get("indent").getAsString()).isEqualTo("    ");
    req = send(shell, "is_complete_request", code("int x = ;"));
    assertThat(reply(shell, req).content().get("status").getAsString()).isEqualTo("invalid");
    JsonObject c = code("Sys");
    c.addProperty("cursor_pos", 3);
    req = send(shell, "complete_request", c);
    r = reply(shell, req);
    assertThat(r.content().getAsJsonArray("matches").get(0).getAsString()).isEqualTo("Sys!");
    assertThat(r.content().get("cursor_end").getAsInt()).isEqualTo(3);
    req = send(shell, "inspect_request", c);
    r = reply(shell, req);
    assertThat(r.content().get("found").getAsBoolean()).isTrue();
    assertThat(r.content().getAsJsonObject("data").get("text/plain").getAsString()).isEqualTo("doc of Sys");
  }

  @Test
  void shutdownRepliesAndClosesTheSession() throws Exception {
    JsonObject c = new JsonObject();
    c.addProperty("restart", false);
    WireMessage req = send(control, "shutdown_request", c);
    WireMessage r = reply(control, req);
    assertThat(r.content().get("status").getAsString()).isEqualTo("ok");
    server.awaitShutdown();
    assertThat(interpreter.closed).isTrue();
  }
}
