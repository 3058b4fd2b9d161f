package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.client.Client;
import io.jparallel.testkit.HostsKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jpar cluster start --engines ssh --ship-jar} from the shaded jar, as a user runs it:
 * the jar goes to the host's {@code --remote-dir} under its content hash (once), the engine
 * connection file beside it (mode 0600), the engine runs from there, and stop removes the
 * connection file and the engine. Skipped, saying why, without root or the packages.
 */
@Timeout(240)
class ShipJarIT {
  static final Path JAR = Path.of("target/jpar.jar").toAbsolutePath();
  static HostsKit kit;
  static Path home;
  static Path remote;

  @BeforeAll
  static void up() throws Exception {
    Optional<String> why = HostsKit.unavailable();
    if (why.isEmpty() && !Files.isRegularFile(JAR)) {
      why = Optional.of(JAR + " not built");
    }
    if (why.isPresent()) {
      System.out.println("SKIPPED ShipJarIT (jpar cluster start --engines ssh --ship-jar): " + why.get());
    }
    assumeTrue(why.isEmpty(), why.orElse(""));
    home = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "shipjar-home-");
    remote = home.resolve("remote-lib"); // the namespaces share the file system: "the host's" directory
    kit = HostsKit.start(Path.of("target").toAbsolutePath(), 1, false);
  }

  @AfterAll
  static void down() {
    if (home != null) { // a failed test leaves its daemon cluster: stop what runs from this test's home
      ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
    }
    if (kit != null) {
      kit.close();
    }
  }

  private static String jpar(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("JPARALLEL_DIR", home.toString());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jpar " + String.join(" ", args) + " did not end");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println("jpar " + String.join(" ", args) + " -> " + p.exitValue() + ": " + text);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  @Test
  void theJarTravelsOnceByHashAndTheEngineRunsFromIt() throws Exception {
    String host = kit.hostAddress(1);
    String[] start = {"cluster", "start", "--daemon", "--cluster-id", "ship", "--engines", "ssh", "--hosts", host + ":1",
        "--ship-jar", "--remote-dir", remote.toString(), "--ssh-opt=-F", "--ssh-opt=" + kit.sshConfig()};
    jpar(start);
    List<Path> jars;
    try (var s = Files.list(remote)) {
      jars = s.filter(p -> p.getFileName().toString().matches("jpar-[0-9a-f]{16}\\.jar")).toList();
    }
    assertThat(jars).hasSize(1);
    assertThat(Files.mismatch(jars.get(0), JAR)).isEqualTo(-1L);
    Path shippedFile = remote.resolve("engine-ship.json");
    assertThat(Files.getPosixFilePermissions(shippedFile)) // a HashSet: its order is no part of it
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (Client rc = Client.connect(home.resolve("profile_default/security/client-ship.json"))) {
      List<String> cp = rc.direct().apply(() -> System.getProperty("java.class.path"));
      assertThat(cp).containsExactly(jars.get(0).toString());
    }
    jpar("cluster", "stop", "--cluster-id", "ship");
    assertThat(shippedFile).doesNotExist();
    long mtime = Files.getLastModifiedTime(jars.get(0)).toMillis();
    jpar(start); // a second start finds the jar there and does not copy it again
    assertThat(Files.getLastModifiedTime(jars.get(0)).toMillis()).isEqualTo(mtime);
    jpar("cluster", "stop", "--cluster-id", "ship");
    assertThat(kit.awaitNoGuests(Duration.ofSeconds(15))).isEmpty();
  }
}
