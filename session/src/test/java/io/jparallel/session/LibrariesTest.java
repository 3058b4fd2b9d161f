package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.cluster.Cluster;
import io.jparallel.cluster.EngineClasspath;
import io.jparallel.jshell.TestJars;
import io.jparallel.resolver.MavenResolver;
import io.jparallel.resolver.TestRepository;
import io.jparallel.wire.ContentHash;
import io.jparallel.wire.Profiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven} and {@code %classpath} end to end: a Maven repository this test writes, Maven's
 * resolver, a real 2-engine cluster (the session connected to it), an engine that joins later.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibrariesTest {
  @TempDir
  static Path dir;

  static Cluster cluster;
  static Session session;
  static TestRepository repo;
  static Path greetJar;

  @BeforeAll
  static void open() throws Exception {
    repo = new TestRepository(Files.createDirectories(dir.resolve("remote")));
    repo.deployStatsAndFormat();
    Path noCentral = Files.createDirectories(dir.resolve("empty-central"));
    Path settings = Files.writeString(dir.resolve("settings.xml"), """
        <settings><mirrors>
          <mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
        </mirrors></settings>""".formatted(noCentral.toUri()));
    System.setProperty(MavenResolver.SETTINGS_PROPERTY, settings.toString());
    System.setProperty(MavenResolver.LOCAL_REPOSITORY_PROPERTY, dir.resolve("m2-repository").toString());
    greetJar = TestJars.build(dir.resolve("greet.jar"), java.util.Map.of(
        "greet.Hello", "package greet; public final class Hello { public static String to(String n) { return \"hello \" + n; } }",
        "greet.Name", "package greet; public record Name(String value) implements java.io.Serializable {}"),
        List.of(), null);
    cluster = Cluster.builder().engines(2).start();
    session = Session.open(SessionOptions.connect(cluster.clientFile()));
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    System.clearProperty(MavenResolver.SETTINGS_PROPERTY);
    System.clearProperty(MavenResolver.LOCAL_REPOSITORY_PROPERTY);
  }

  private static CellResult ok(String cell, RecordingOutput out) {
    CellResult r = session.execute(cell, out);
    assertThat(r.ok()).as(cell + " -> " + r.error() + "\n" + out.err).isTrue();
    return r;
  }

  @Test
  @Order(1)
  void mavenResolvesAndEveryEngineAndTheLocalJShellUseTheLibrary() {
    RecordingOutput out = new RecordingOutput();
    ok("%maven --repo " + repo.url() + " test.jparallel:stats:1.0", out);
    assertThat(out.out.toString()).contains("stats-1.0.jar").contains("format-1.0.jar");
    assertThat(out.err.toString()).contains("Downloading stats-1.0.jar").contains("Downloaded format-1.0.jar");

    // locally: the compiler (imports, completion) and the loader
    ok("import stats.Stats;", out);
    assertThat(ok("Stats.describe(new double[] {1, 2, 3})", out).value().text()).isEqualTo("\"mean 2.00\"");
    assertThat(session.complete("Stats.me", 8).candidates()).contains("mean(");

    // on both engines: a lambda typed here, and the class comes from the shipped jar
    CellResult r = ok("dv.apply(() -> Stats.describe(new double[] {1, 2}) + \" | \""
        + " + Stats.class.getClassLoader().getName() + \" | \""
        + " + Stats.class.getProtectionDomain().getCodeSource().getLocation())", out);
    String text = r.value().text();
    assertThat(Pattern.compile("mean 1\\.50 \\| jparallel-libraries \\| file:\\S*/cache/jars/[0-9a-f]{64}\\.jar")
        .matcher(text).results().count()).as(text).isEqualTo(2);

    // and %px code there compiles against it
    RecordingOutput px = new RecordingOutput();
    ok("%px System.out.println(stats.Stats.mean(new double[] {4, 6}))", px);
    assertThat(px.displayed()).contains("[stdout:0] 5.0").contains("[stdout:1] 5.0");
  }

  @Test
  @Order(2)
  void classpathAddsAJarBuiltByTheTest() {
    RecordingOutput out = new RecordingOutput();
    ok("%classpath " + greetJar, out);
    assertThat(ok("greet.Hello.to(\"here\")", out).value().text()).isEqualTo("\"hello here\"");
    assertThat(ok("lv.map(s -> greet.Hello.to(s), List.of(\"a\", \"b\"))", out).value().text())
        .isEqualTo("[hello a, hello b]");
    // the library's own classes as arguments and results: they pass the deserialization allow-list
    assertThat(ok("lv.apply((greet.Name n) -> new greet.Name(n.value() + \"!\"), new greet.Name(\"c\"))", out)
        .value().text()).isEqualTo("Name[value=c!]");
  }

  @Test
  @Order(3)
  void anEngineThatJoinsLaterGetsEveryLibraryBeforeItsFirstTask() throws Exception {
    // a jar this host's cache already has when the engine registers, added to the session after
    Path cachedJar = TestJars.build(dir.resolve("cached.jar"), "cached.C",
        "package cached; public final class C { public static String v() { return \"cached\"; } }");
    byte[] bytes = Files.readAllBytes(cachedJar);
    Path cache = Files.createDirectories(Profiles.base().resolve("cache/jars"));
    Files.write(cache.resolve(ContentHash.sha256Hex(bytes) + ".jar"), bytes);
    Path log = dir.resolve("late-engine.log");
    Process late = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djparallel.role=engine", "-cp", EngineClasspath.get(), "io.jparallel.engine.EngineMain",
        "--file", cluster.engineFile().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      RecordingOutput out = new RecordingOutput();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (cluster.client().ids().size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(cluster.client().ids()).hasSize(3);
      CellResult r = ok("rc.direct(2).apply(() -> Stats.describe(new double[] {3}) + \" \" + greet.Hello.to(\"late\"))", out);
      assertThat(r.value().text()).isEqualTo("\"mean 3.00 hello late\"");
      ok("%classpath " + cachedJar, out);
      assertThat(ok("dv.apply(() -> cached.C.v())", out).value().text()).isEqualTo("[cached, cached, cached]");
      // the same host's cache had every jar: their names came, not their bytes
      String lines = Files.readString(log);
      assertThat(lines).contains("stats-1.0.jar").contains("format-1.0.jar").contains("greet.jar")
          .contains("cached.jar").doesNotContain("received");
      assertThat(count(lines, "from the cache")).isEqualTo(4);
    } finally {
      late.destroy();
      late.waitFor(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cluster.client().ids().size() > 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  @Test
  @Order(4)
  void eachJarCrossesToEachEngineOnce() throws Exception {
    RecordingOutput out = new RecordingOutput();
    ok("%maven test.jparallel:stats:1.0", out);
    assertThat(out.out.toString()).contains("already on the class path");
    ok("rc.addJars(List.of(java.nio.file.Path.of(\"" + greetJar + "\")))", out); // plain Java, again
    ok("dv.apply(() -> greet.Hello.to(\"x\"))", out);
    for (int id = 0; id < 2; id++) {
      String log = Files.readString(Profiles.logs(Profiles.DEFAULT)
          .resolve("engine-" + cluster.clusterId() + "-" + id + ".log"));
      for (String jar : List.of("stats-1.0.jar", "format-1.0.jar", "greet.jar")) {
        assertThat(count(log, "jar " + jar + " \\([0-9a-f]{12}\\) received, \\d+ bytes"))
            .as("engine " + id + ": " + jar + "\n" + log).isEqualTo(1);
      }
    }
  }

  @Test
  @Order(5)
  void errorsAreOneLineAndNothingIsLost() throws Exception {
    RecordingOutput out = new RecordingOutput();
    CellResult missing = session.execute("%maven test.jparallel:nothing:1.0", out);
    assertThat(missing.ok()).isFalse();
    assertThat(missing.error().evalue()).contains("test.jparallel:nothing:1.0").doesNotContain("\n");

    CellResult noFile = session.execute("%classpath " + dir.resolve("no-such.jar"), out);
    assertThat(noFile.error().evalue()).contains("no-such.jar").doesNotContain("\n");

    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CellResult down = session.execute("%maven --repo http://127.0.0.1:" + port + "/ test.jparallel:absent:1.0", out);
    assertThat(down.error().evalue()).contains("127.0.0.1:" + port).doesNotContain("\n");

    Path ours = TestJars.build(dir.resolve("ours.jar"), "io.jparallel.fn.Invocable",
        "package io.jparallel.fn; public interface Invocable {}");
    CellResult conflict = session.execute("%classpath " + ours, out);
    assertThat(conflict.error().evalue()).contains("ours.jar").contains("conflicts with jparallel's own classes")
        .contains("io.jparallel.fn.Invocable");

    // what the session and the engines had is still there
    assertThat(ok("Stats.mean(new double[] {2, 4})", out).value().text()).isEqualTo("3.0");
    assertThat(ok("dv.apply(() -> Stats.mean(new double[] {2, 4}))", out).value().text()).isEqualTo("[3.0, 3.0]");
  }

  private static long count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.results().count();
  }
}
