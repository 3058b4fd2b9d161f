package io.jparallel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.serialize.PayloadReader;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import io.jparallel.wire.Signer;
import io.jparallel.wire.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One in-process engine against a fake controller on real sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private Path dir;
  private FakeController controller;
  private Engine engine;
  private ShippedCode shipped;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("engine-test");
    controller = new FakeController(dir, 200);
    engine = Engine.start(EngineOptions.of(controller.info).withRequestedId(3).withAbortGrace(Duration.ofSeconds(5)));
    shipped = new ShippedCode(dir);
    loadShippedClasses();
  }

  @AfterAll
  void stop() throws Exception {
    engine.close();
    controller.close();
  }

  private void loadShippedClasses() {
    PayloadWriter w = new PayloadWriter();
    ArrayNode list = Json.array();
    for (Map.Entry<String, byte[]> e : shipped.classes.entrySet()) {
      list.addObject().put("name", e.getKey()).put("hash", ShippedClasses.sha256(e.getValue()))
          .put("s", w.addSigned(e.getValue()));
    }
    ObjectNode c = Json.object();
    c.set("classes", list);
    controller.send(MsgType.LOAD_CLASSES, c, w.buffers(), w.raw());
  }

  private Message execute(String code) throws Exception {
    return controller.awaitReply(controller.send(MsgType.EXECUTE_REQUEST,
        Json.object().put("code", code).put("silent", false)), WAIT);
  }

  private Message apply(Object fn, String fnHash, Map<String, Object> statics, Object... args) {
    PayloadWriter w = new PayloadWriter();
    ObjectNode c = Json.object();
    c.putObject("fn").put("s", w.addSigned(PayloadWriter.serialize(fn, "fn")));
    c.put("fn_hash", fnHash);
    ArrayNode classes = c.putArray("classes");
    shipped.classes.forEach((n, b) -> classes.addObject().put("name", n).put("hash", ShippedClasses.sha256(b)));
    ArrayNode st = c.putArray("statics");
    statics.forEach((f, v) -> st.addObject().put("class", "shipped.Tasks").put("field", f).set("value", w.write(v)));
    ArrayNode a = c.putArray("args");
    for (Object arg : args) {
      a.add(w.write(arg));
    }
    return controller.send(MsgType.APPLY_REQUEST, c, w.buffers(), w.raw());
  }

  private static Object value(Message m, JsonNode descriptor) throws Exception {
    return new PayloadReader(m.buffers(), m.raw(), EngineTest.class.getClassLoader()).read(descriptor);
  }

  @Test
  void registersWithTheRequestedId() {
    assertThat(engine.engineId()).isEqualTo(3);
    Message reg = controller.registrations.get(0);
    assertThat(reg.content().path("requested_id").asInt()).isEqualTo(3);
    assertThat(reg.content().path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(reg.content().path("hostname").asText()).isNotBlank();
  }

  @Test
  void executeReturnsTheLastExpressionsValue() throws Exception {
    Message r = execute("int a = 5;\nString s = \"x\" + a;\na * 2");
    assertThat(r.type()).isEqualTo(MsgType.EXECUTE_REPLY);
    assertThat(r.content().path("status").asText()).as(r.content().toString()).isEqualTo("ok");
    assertThat(r.content().path("data").path("text/plain").asText()).isEqualTo("10");
    assertThat(value(r, r.content().get("value"))).isEqualTo(10);
    assertThat(r.content().path("execution_count").asInt()).isPositive();
    assertThat(r.metadata().path("engine_id").asInt()).isEqualTo(3);
    assertThat(r.metadata().path("status").asText()).isEqualTo("ok");
    assertThat(r.metadata().hasNonNull("started")).isTrue();
    assertThat(r.metadata().hasNonNull("completed")).isTrue();

    Message list = execute("java.util.List.of(1, 2, 3)");
    assertThat(value(list, list.content().get("value"))).isEqualTo(List.of(1, 2, 3));
    Message declaration = execute("int unseen = 1;");
    assertThat(declaration.content().path("data").has("text/plain")).isFalse();
  }

  @Test
  void executeStreamsOutputWhileRunning() throws Exception {
    Message req = controller.send(MsgType.EXECUTE_REQUEST, Json.object().put("code",
        "System.out.println(\"hello\"); Thread.sleep(700); System.err.println(\"bye\");").put("silent", false));
    Message first = controller.awaitStream(req, Duration.ofSeconds(10));
    long firstAt = System.nanoTime();
    assertThat(first.content().path("name").asText()).isEqualTo("stdout");
    assertThat(first.content().path("text").asText()).isEqualTo("hello\n");
    Message reply = controller.awaitReply(req, WAIT);
    assertThat(System.nanoTime() - firstAt).as("output arrives while the task runs").isGreaterThan(300_000_000L);
    assertThat(reply.content().path("status").asText()).isEqualTo("ok");
    List<Message> rest = controller.streams(req);
    assertThat(rest).extracting(m -> m.content().path("name").asText() + ":" + m.content().path("text").asText())
        .containsExactly("stderr:bye\n");
  }

  @Test
  void compileErrorsNameTheDiagnosticAndLine() throws Exception {
    Message r = execute("int ok = 1;\nint x = undefinedThing + 1;\nint never = 2;");
    assertThat(r.content().path("status").asText()).isEqualTo("error");
    assertThat(r.content().path("ename").asText()).isEqualTo("CompileError");
    assertThat(r.content().path("evalue").asText()).contains("cannot find symbol").contains("int x = undefinedThing + 1;");
    assertThat(r.metadata().path("status").asText()).isEqualTo("error");
    Message never = controller.awaitReply(controller.send(MsgType.NS_REQUEST,
        (ObjectNode) Json.object().put("op", "pull").set("names", Json.array().add("never"))), WAIT);
    assertThat(never.content().path("ename").asText()).isEqualTo("NameError");
  }

  @Test
  void runtimeExceptionsCarryClassMessageAndTrimmedTrace() throws Exception {
    Message r = execute("int zero = 0;\nint boom() { return 1 / zero; }\nboom()");
    JsonNode c = r.content();
    assertThat(c.path("status").asText()).isEqualTo("error");
    assertThat(c.path("ename").asText()).isEqualTo("java.lang.ArithmeticException");
    assertThat(c.path("evalue").asText()).isEqualTo("/ by zero");
    assertThat(c.path("engine_id").asInt()).isEqualTo(3);
    List<String> tb = new ArrayList<>();
    c.path("traceback").forEach(n -> tb.add(n.asText()));
    assertThat(tb.get(0)).isEqualTo("java.lang.ArithmeticException: / by zero");
    assertThat(tb).hasSizeGreaterThan(1);
    assertThat(tb.get(1)).startsWith("\tat ");
    assertThat(String.join("\n", tb)).doesNotContain("jdk.jshell").doesNotContain("io.jparallel.engine")
        .doesNotContain("reflect");
  }

  @Test
  void pushAndPullRoundTripAndPushedValuesAreTypedVariables() throws Exception {
    double[] arr = {1.5, Double.NaN, -0.0, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
    PayloadWriter w = new PayloadWriter();
    ObjectNode values = Json.object();
    values.set("b", w.write(21));
    values.set("arr", w.write(arr));
    values.set("xs", w.write(List.of("p", "q")));
    ObjectNode push = Json.object().put("op", "push");
    push.set("values", values);
    Message pr = controller.awaitReply(controller.send(MsgType.NS_REQUEST, push, w.buffers(), w.raw()), WAIT);
    assertThat(pr.type()).isEqualTo(MsgType.NS_REPLY);
    assertThat(pr.content().path("status").asText()).as(pr.content().toString()).isEqualTo("ok");

    Message ex = execute("int c = b * 2;\nint n = xs.size() + arr.length;");
    assertThat(ex.content().path("status").asText()).as(ex.content().toString()).isEqualTo("ok");

    // the same name pushed again with the same type: no new declaration, value replaced
    PayloadWriter w2 = new PayloadWriter();
    ObjectNode again = Json.object().put("op", "push");
    again.putObject("values").set("b", w2.write(50));
    controller.awaitReply(controller.send(MsgType.NS_REQUEST, again, w2.buffers(), w2.raw()), WAIT);

    Message pull = controller.awaitReply(controller.send(MsgType.NS_REQUEST,
        (ObjectNode) Json.object().put("op", "pull").set("names", Json.array().add("c").add("arr").add("xs").add("n").add("b"))),
        WAIT);
    JsonNode v = pull.content().path("values");
    assertThat(value(pull, v.get("c"))).isEqualTo(42);
    assertThat(value(pull, v.get("n"))).isEqualTo(6);
    assertThat(value(pull, v.get("b"))).isEqualTo(50);
    assertThat(value(pull, v.get("xs"))).isEqualTo(List.of("p", "q"));
    double[] back = (double[]) value(pull, v.get("arr"));
    assertThat(back).hasSize(arr.length);
    for (int i = 0; i < arr.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i])).isEqualTo(Double.doubleToRawLongBits(arr[i]));
    }
    Message typeOfXs = execute("xs instanceof java.util.List");
    assertThat(typeOfXs.content().path("data").path("text/plain").asText()).isEqualTo("true");

    Message unknown = controller.awaitReply(controller.send(MsgType.NS_REQUEST,
        (ObjectNode) Json.object().put("op", "pull").set("names", Json.array().add("nope"))), WAIT);
    assertThat(unknown.content().path("status").asText()).isEqualTo("error");
    assertThat(unknown.content().path("ename").asText()).isEqualTo("NameError");
    assertThat(unknown.content().path("evalue").asText()).contains("nope");
  }

  @Test
  void appliesFunctionsFromShippedClassesWithStaticsSnapshot() throws Exception {
    assertThatThrownBy(() -> Class.forName("shipped.Tasks", false, Engine.class.getClassLoader()))
        .as("the engine's own loader cannot see the shipped class").isInstanceOf(ClassNotFoundException.class);
    Message r1 = controller.awaitReply(apply(shipped.call("times", 3), "h-times-3", Map.of("offset", 100), 5), WAIT);
    assertThat(r1.type()).isEqualTo(MsgType.APPLY_REPLY);
    assertThat(r1.content().path("status").asText()).as(r1.content().toString()).isEqualTo("ok");
    assertThat(value(r1, r1.content().get("result"))).isEqualTo(115);

    Object stateless = shipped.call("plusOffset");
    Message r2 = controller.awaitReply(apply(stateless, "h-plus", Map.of("offset", 1), 7), WAIT);
    assertThat(value(r2, r2.content().get("result"))).isEqualTo(8);
    Message r3 = controller.awaitReply(apply(stateless, "h-plus", Map.of("offset", 1000), 7), WAIT);
    assertThat(value(r3, r3.content().get("result"))).as("the cached function sees the new snapshot").isEqualTo(1007);

    Message printed = apply(shipped.call("printing"), "h-print", Map.of());
    Message r4 = controller.awaitReply(printed, WAIT);
    assertThat(value(r4, r4.content().get("result"))).isEqualTo("ok");
    assertThat(controller.streams(printed)).extracting(m -> m.content().path("text").asText())
        .containsExactly("from apply\n");
  }

  @Test
  void applyFailuresAreErrorReplies() throws Exception {
    Message failing = controller.awaitReply(apply(shipped.call("failing"), null, Map.of()), WAIT);
    assertThat(failing.content().path("ename").asText()).isEqualTo("java.lang.NumberFormatException");
    List<String> tb = new ArrayList<>();
    failing.content().path("traceback").forEach(n -> tb.add(n.asText()));
    assertThat(tb.get(0)).startsWith("java.lang.NumberFormatException: For input string: \"x\"");
    assertThat(tb).anyMatch(l -> l.contains("shipped.Tasks.lambda$failing"));
    assertThat(String.join("\n", tb)).doesNotContain("io.jparallel.engine");

    Message unsendable = controller.awaitReply(apply(shipped.call("unsendable"), null, Map.of()), WAIT);
    assertThat(unsendable.content().path("status").asText()).isEqualTo("error");
    assertThat(unsendable.content().path("evalue").asText()).contains("java.lang.Object");

    PayloadWriter w = new PayloadWriter();
    ObjectNode c = Json.object();
    c.putObject("fn").put("s", w.addSigned(PayloadWriter.serialize(shipped.call("plusOffset"), "fn")));
    c.putArray("classes").addObject().put("name", "shipped.Other").put("hash", "00".repeat(32));
    c.putArray("args").add(w.write(1));
    Message missing = controller.awaitReply(controller.send(MsgType.APPLY_REQUEST, c, w.buffers(), List.of()), WAIT);
    assertThat(missing.content().path("ename").asText()).isEqualTo("MissingClassException");
  }

  @Test
  void abortsQueuedAndRunningTasks() throws Exception {
    Message sleeping = apply(shipped.call("sleeper", 30_000L), null, Map.of());
    Message queued = controller.send(MsgType.EXECUTE_REQUEST, Json.object().put("code", "1 + 1"));
    Thread.sleep(300);
    controller.send(MsgType.ABORT_REQUEST, (ObjectNode) Json.object().set("msg_ids", Json.array().add(queued.id())));
    Message q = controller.awaitReply(queued, WAIT);
    assertThat(q.content().path("status").asText()).isEqualTo("aborted");
    assertThat(q.content().path("ename").asText()).isEqualTo("TaskAbortedException");

    // the tasks sleep 30 s, longer than WAIT: a reply within WAIT means the abort interrupted them
    controller.send(MsgType.ABORT_REQUEST, (ObjectNode) Json.object().set("msg_ids", Json.array().add(sleeping.id())));
    Message s = controller.awaitReply(sleeping, WAIT);
    assertThat(s.content().path("status").asText()).isEqualTo("aborted");

    Message execSleep = controller.send(MsgType.EXECUTE_REQUEST, Json.object().put("code", "Thread.sleep(30000); 1"));
    Thread.sleep(1500);
    controller.send(MsgType.ABORT_REQUEST, (ObjectNode) Json.object().set("msg_ids", Json.array().add(execSleep.id())));
    Message es = controller.awaitReply(execSleep, WAIT);
    assertThat(es.content().path("status").asText()).as(es.content().toString()).isEqualTo("aborted");

    Message after = execute("3 + 4");
    assertThat(after.content().path("data").path("text/plain").asText()).isEqualTo("7");
    assertThat(engine.exited()).isNotDone();
  }

  @Test
  void forgedMessagesAreDroppedAndTheEngineKeepsServing() throws Exception {
    Message forged = controller.session.message(MsgType.EXECUTE_REQUEST,
        Json.object().put("code", "System.exit(9)"));
    controller.sendFrames(new WireCodec(Signer.of("wrong-key")).encode(forged));
    controller.sendFrames(io.jparallel.wire.Frames.of("garbage".getBytes()));
    Message r = execute("40 + 2");
    assertThat(r.content().path("data").path("text/plain").asText()).isEqualTo("42");
    assertThat(engine.exited()).isNotDone();
  }
}
