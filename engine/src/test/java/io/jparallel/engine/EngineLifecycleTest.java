package io.jparallel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MsgType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an engine ends: shutdown, refusal, an abort that does not stop, and as a real process. */
class EngineLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void refusedRegistrationFailsStart() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      c.refuse = true;
      assertThatThrownBy(() -> Engine.start(EngineOptions.of(c.info)))
          .isInstanceOf(EngineStartException.class).hasMessageContaining("refused");
    }
  }

  @Test
  void anIdleEngineStartsItsJShellByItself() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Engine e = Engine.start(EngineOptions.of(c.info));
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!e.shellReady() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(e.shellReady()).as("JShell started once the engine was idle").isTrue();
        Thread.sleep(2_000);
        assertThat(e.warmupSnippets()).as("no javac warm-up before the engine compiled code").isZero();
      } finally {
        e.close();
      }
    }
  }

  @Test
  void anEngineThatCompiledCodeWarmsJavacUpOnceIdle() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Engine e = Engine.start(EngineOptions.of(c.info));
      try {
        Message reply = c.awaitReply(c.send(MsgType.EXECUTE_REQUEST, Json.object().put("code", "int a = 1;")),
            Duration.ofSeconds(60));
        assertThat(reply.content().path("status").asText()).isEqualTo("ok");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (e.warmupSnippets() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(e.warmupSnippets()).as("javac warm-up once idle after compiling code").isGreaterThanOrEqualTo(3);
        Message after = c.awaitReply(c.send(MsgType.EXECUTE_REQUEST, Json.object().put("code", "a + 1")),
            Duration.ofSeconds(60));
        assertThat(after.content().path("status").asText()).isEqualTo("ok");
      } finally {
        e.close();
      }
    }
  }

  @Test
  void shutdownRequestStopsTheEngine() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Engine e = Engine.start(EngineOptions.of(c.info));
      assertThat(e.engineId()).isEqualTo(0);
      c.send(MsgType.SHUTDOWN_REQUEST, Json.object());
      assertThat(e.exited().get(10, TimeUnit.SECONDS)).isEqualTo(Engine.EXIT_OK);
    }
  }

  @Test
  void anAbortedTaskThatDoesNotStopEndsTheEngineWithCode75() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Engine e = Engine.start(EngineOptions.of(c.info).withAbortGrace(Duration.ofMillis(500)));
      ShippedCode shipped = new ShippedCode(dir);
      PayloadWriter w = new PayloadWriter();
      ObjectNode load = Json.object();
      ArrayNode list = load.putArray("classes");
      for (Map.Entry<String, byte[]> en : shipped.classes.entrySet()) {
        list.addObject().put("name", en.getKey()).put("hash", ShippedClasses.sha256(en.getValue()))
            .put("s", w.addSigned(en.getValue()));
      }
      c.send(MsgType.LOAD_CLASSES, load, w.buffers(), List.of());
      PayloadWriter aw = new PayloadWriter();
      ObjectNode apply = Json.object();
      apply.putObject("fn").put("s", aw.addSigned(PayloadWriter.serialize(shipped.call("spinner", 4000L), "fn")));
      ArrayNode classes = apply.putArray("classes");
      shipped.classes.forEach((n, b) -> classes.addObject().put("name", n).put("hash", ShippedClasses.sha256(b)));
      apply.putArray("args");
      Message task = c.send(MsgType.APPLY_REQUEST, apply, aw.buffers(), List.of());
      Thread.sleep(300);
      c.send(MsgType.ABORT_REQUEST, (ObjectNode) Json.object().set("msg_ids", Json.array().add(task.id())));
      Message reply = c.awaitReply(task, Duration.ofSeconds(10));
      assertThat(reply.content().path("status").asText()).isEqualTo("aborted");
      assertThat(reply.content().path("evalue").asText()).contains("did not stop");
      assertThat(e.exited().get(10, TimeUnit.SECONDS)).isEqualTo(Engine.EXIT_ABORT_TIMEOUT);
    }
  }

  @Test
  void engineProcessExitsWhenTheControllerStopsHeartbeating() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Process p = launch(c, List.of("--id", "1"));
      try {
        awaitRegistration(c);
        assertThat(c.registrations.get(0).content().path("requested_id").asInt()).isEqualTo(1);
        Message r = c.awaitReply(c.send(MsgType.EXECUTE_REQUEST, Json.object().put("code", "6 * 7")),
            Duration.ofSeconds(30));
        assertThat(r.content().path("data").path("text/plain").asText()).isEqualTo("42");
        assertThat(p.isAlive()).isTrue();
        long t0 = System.nanoTime();
        c.heartbeating = false;
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("engine exits by itself").isTrue();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(p.exitValue()).isEqualTo(Engine.EXIT_CONTROLLER_LOST);
        assertThat(ms).as("not before its grace period (3 beats + 2 s)").isGreaterThanOrEqualTo(2000L);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void engineProcessExitsWhenItsParentEnds() throws Exception {
    try (FakeController c = new FakeController(dir, 200)) {
      Process sleeper = new ProcessBuilder("sleep", "60").start();
      Process p = launch(c, List.of("--parent-pid", Long.toString(sleeper.pid())));
      try {
        awaitRegistration(c);
        assertThat(p.isAlive()).isTrue();
        sleeper.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("engine exits with its parent").isTrue();
        assertThat(p.exitValue()).isEqualTo(Engine.EXIT_PARENT_GONE);
        assertThat(Files.readString(dir.resolve("engine.log"))).contains("parent process").contains("ended");
      } finally {
        p.destroyForcibly();
        sleeper.destroyForcibly();
      }
    }
  }

  private Process launch(FakeController c, List<String> extra) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new java.util.ArrayList<>(List.of(javaBin(), "-Djparallel.role=engine",
        "-Djparallel.cluster=test", "-cp", cp, EngineMain.class.getName(), "--file", c.engineFile.toString()));
    cmd.addAll(extra);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
  }

  private static void awaitRegistration(FakeController c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (c.registrations.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(c.registrations).isNotEmpty();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
  }
}
