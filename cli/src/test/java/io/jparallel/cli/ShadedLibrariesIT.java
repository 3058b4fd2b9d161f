package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.jshell.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jpar.jar keeps its own dependencies relocated: a user's jar with other
 * "versions" of Jackson and JeroMQ (classes of the same names, built by this test) is added
 * with {@code %classpath} and its classes are the ones user code gets, locally and in lambdas
 * on the engines of a {@code jpar run -n 2} cluster.
 */
class ShadedLibrariesIT {
  static final Path JAR = Path.of("target/jpar.jar").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void aUsersJacksonAndJeroMqAreTheOnesUserCodeGets() throws Exception {
    assumeTrue(Files.isRegularFile(JAR), JAR + " not built (run the package phase)");
    Path users = TestJars.build(dir.resolve("users-deps.jar"), Map.of(
        "com.fasterxml.jackson.databind.ObjectMapper", """
            package com.fasterxml.jackson.databind;
            public class ObjectMapper { public String version() { return "users-jackson-0.1"; } }
            """,
        "org.zeromq.ZMQ", """
            package org.zeromq;
            public final class ZMQ { public static String getVersionString() { return "users-zmq-0.1"; } }
            """), List.of(), null);
    Path script = Files.writeString(dir.resolve("deps.jsh"), """
        %%classpath %s
        System.out.println("local " + new com.fasterxml.jackson.databind.ObjectMapper().version() + " " + org.zeromq.ZMQ.getVersionString());
        System.out.println("engines " + lv.map(i -> new com.fasterxml.jackson.databind.ObjectMapper().version() + "/" + org.zeromq.ZMQ.getVersionString(), List.of(1, 2)));
        """.formatted(users));
    Path home = Files.createDirectories(dir.resolve("home"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "run", script.toString(), "-n", "2")
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("JPARALLEL_DIR", home.toString());
    Process p = pb.start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(done).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(0);
    assertThat(out).contains("local users-jackson-0.1 users-zmq-0.1")
        .contains("engines [users-jackson-0.1/users-zmq-0.1, users-jackson-0.1/users-zmq-0.1]");
  }
}
