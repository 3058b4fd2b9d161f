package io.jparallel.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenResolverTest {
  @TempDir
  Path dir;

  private TestRepository repo;
  private Path local;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepository(Files.createDirectories(dir.resolve("remote")));
    repo.deployStatsAndFormat();
    local = dir.resolve("local");
  }

  private MavenResolver resolver(Path settings) {
    return MavenResolver.open(settings, local);
  }

  /** Settings that send Maven Central's requests to an empty folder: tests reach no network. */
  private Path noCentral() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-central"));
    return Files.writeString(dir.resolve("no-central.xml"), """
        <settings><mirrors>
          <mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
        </mirrors></settings>
        """.formatted(empty.toUri()));
  }

  @Test
  void resolvesAnArtifactWithItsTransitiveDependencyThenFromTheLocalRepository() throws Exception {
    try (MavenResolver r = resolver(noCentral())) {
      r.addRepository(repo.url());
      List<Path> jars = r.resolve(List.of("test.jparallel:stats:1.0"), progress::add);
      assertThat(jars).extracting(p -> p.getFileName().toString()).containsExactly("stats-1.0.jar", "format-1.0.jar");
      assertThat(jars).allSatisfy(p -> assertThat(p).startsWith(local).isRegularFile());
      assertThat(progress).anyMatch(l -> l.startsWith("Downloading stats-1.0.jar from repo1"))
          .anyMatch(l -> l.matches("Downloaded format-1.0.jar \\(\\d+ (B|kB)( in [\\d.]+ s)?\\)"));
    }
    progress.clear();
    try (MavenResolver r = resolver(noCentral())) {
      r.addRepository("http://127.0.0.1:" + closedPort() + "/never-asked/");
      assertThat(r.resolve(List.of("test.jparallel:stats:1.0"), progress::add)).hasSize(2);
      assertThat(progress).as("the local repository comes first").isEmpty();
    }
  }

  @Test
  void settingsMirrorsAreHonoured() throws Exception {
    Path settings = Files.writeString(dir.resolve("settings.xml"), """
        <settings>
          <mirrors>
            <mirror><id>test-mirror</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """.formatted(repo.url()));
    try (MavenResolver r = resolver(settings)) {
      // no --repo: "central" itself is served by the mirror, a file repository of this test
      assertThat(r.resolve(List.of("test.jparallel:stats:1.0"), progress::add)).hasSize(2);
      assertThat(progress).anyMatch(l -> l.contains("from test-mirror"));
    }
  }

  @Test
  void settingsProxiesAreHonoured() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", ex -> {
      asked.add(ex.getRequestURI().toString());
      Path file = repo.root().resolve(ex.getRequestURI().getPath().replaceFirst("^/maven2/", ""));
      byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
      ex.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    proxy.start();
    try {
      Path settings = Files.writeString(dir.resolve("settings.xml"), """
          <settings>
            <mirrors><mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>%s</url></mirror></mirrors>
            <proxies>
              <proxy><id>p</id><active>true</active><protocol>http</protocol>
                <host>127.0.0.1</host><port>%d</port></proxy>
            </proxies>
          </settings>
          """.formatted(Files.createDirectories(dir.resolve("empty-central")).toUri(), proxy.getAddress().getPort()));
      try (MavenResolver r = resolver(settings)) {
        // the host does not exist: only the proxy can answer for it
        r.addRepository("http://repo.jparallel.invalid/maven2/");
        assertThat(r.resolve(List.of("test.jparallel:stats:1.0"), progress::add)).hasSize(2);
      }
      assertThat(asked).anyMatch(u -> u.startsWith("http://repo.jparallel.invalid/maven2/test/jparallel/stats/1.0/"));
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void failuresAreOneLineNamingWhatFailed() throws Exception {
    try (MavenResolver r = resolver(noCentral())) {
      r.addRepository(repo.url());
      assertThatThrownBy(() -> r.resolve(List.of("test.jparallel:nothing:9.9"), progress::add))
          .isInstanceOf(ResolverException.class).hasMessageContaining("test.jparallel:nothing")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThatThrownBy(() -> r.resolve(List.of("not-a-coordinate"), progress::add))
          .isInstanceOf(ResolverException.class).hasMessageContaining("not-a-coordinate");
      assertThatThrownBy(() -> r.addRepository("ftp://example/x"))
          .isInstanceOf(ResolverException.class).hasMessageContaining("ftp://example/x");
    }
    int port = closedPort();
    {
      MavenResolver unreachable = MavenResolver.open(Files.writeString(dir.resolve("s.xml"), """
          <settings><mirrors><mirror><id>down</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:%d/</url></mirror>
          </mirrors></settings>""".formatted(port)), dir.resolve("empty-local"));
      try (unreachable) {
        assertThatThrownBy(() -> unreachable.resolve(List.of("test.jparallel:stats:1.0"), progress::add))
            .isInstanceOf(ResolverException.class).hasMessageContaining("127.0.0.1:" + port)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      }
    }
  }

  @Test
  void resolvesFromMavenCentral() {
    try (MavenResolver r = MavenResolver.open(null, dir.resolve("central-local"))) {
      List<Path> jars;
      try {
        jars = r.resolve(List.of("org.hamcrest:hamcrest-library:1.3"), progress::add);
      } catch (ResolverException e) {
        Assumptions.abort("Maven Central is not reachable from here: " + e.getMessage());
        return;
      }
      assertThat(jars).extracting(p -> p.getFileName().toString())
          .containsExactly("hamcrest-library-1.3.jar", "hamcrest-core-1.3.jar");
      assertThat(progress).anyMatch(l -> l.startsWith("Downloaded hamcrest-core-1.3.jar"));
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
