package io.jparallel.resolver;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates to jars with Maven's own resolver, as {@code mvn} would: the
 * artifacts and their transitive runtime dependencies, the local repository first
 * ({@code ~/.m2/repository}, or {@code <localRepository>} of the settings, or
 * {@code -Dmaven.repo.local}), then Maven Central and the repositories added with
 * {@link #addRepository}; {@code ~/.m2/settings.xml} (or {@code -Djparallel.maven.settings})
 * mirrors, proxies, servers and offline mode apply. Downloads are reported line by line.
 */
public final class MavenResolver implements AutoCloseable {
  /** Maven Central, under the id Maven gives it (so artifacts Maven downloaded count as cached). */
  public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
  /** System property: the settings file (default {@code ~/.m2/settings.xml}). */
  public static final String SETTINGS_PROPERTY = "jparallel.maven.settings";
  /** Maven's system property for the local repository. */
  public static final String LOCAL_REPOSITORY_PROPERTY = "maven.repo.local";

  private final RepositorySystem system;
  private final RepositorySystemSession.CloseableSession session;
  private final Path localRepository;
  private final List<RemoteRepository> repositories = new ArrayList<>();
  private volatile Consumer<String> progress = line -> { };

  private MavenResolver(MavenSettings settings, Path localRepository) {
    this.localRepository = localRepository;
    this.system = new RepositorySystemSupplier().get();
    this.session = new SessionBuilderSupplier(system).get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setSystemProperties(System.getProperties())
        .setOffline(settings.offline())
        .setMirrorSelector(settings.mirrors())
        .setProxySelector(settings.proxies())
        .setAuthenticationSelector(settings.servers())
        .setTransferListener(new DownloadReporter(line -> progress.accept(line)))
        .build();
    repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
  }

  /** A resolver with the user's settings and local repository (see the class comment). */
  public static MavenResolver open() {
    Path m2 = Path.of(System.getProperty("user.home"), ".m2");
    Path settingsFile = Optional.ofNullable(System.getProperty(SETTINGS_PROPERTY)).map(Path::of)
        .orElse(m2.resolve("settings.xml"));
    MavenSettings settings = MavenSettings.read(settingsFile);
    Path local = Optional.ofNullable(System.getProperty(LOCAL_REPOSITORY_PROPERTY)).map(Path::of)
        .or(() -> Optional.ofNullable(settings.localRepository()))
        .orElse(m2.resolve("repository"));
    return new MavenResolver(settings, local);
  }

  /** A resolver with this settings file (it may be absent) and local repository. */
  public static MavenResolver open(Path settingsFile, Path localRepository) {
    return new MavenResolver(MavenSettings.read(settingsFile), localRepository);
  }

  public Path localRepository() {
    return localRepository;
  }

  /** Adds a repository ({@code https://}, {@code http://} or {@code file:} URL) after those there are. */
  public synchronized void addRepository(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new ResolverException("not a repository URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!List.of("http", "https", "file").contains(scheme)) {
      throw new ResolverException("not a repository URL (http, https or file): " + url, null);
    }
    for (RemoteRepository r : repositories) {
      if (r.getUrl().equals(uri.toString())) {
        return;
      }
    }
    String id = "repo" + repositories.size();
    repositories.add(new RemoteRepository.Builder(id, "default", uri.toString()).build());
  }

  /** The repositories searched after the local one, in order. */
  public synchronized List<String> repositories() {
    return repositories.stream().map(RemoteRepository::getUrl).toList();
  }

  /**
   * The jars of {@code coordinates} ({@code groupId:artifactId[:extension[:classifier]]:version})
   * and of their transitive runtime dependencies, in resolution order (each artifact before its
   * dependencies), each once.
   *
   * @param progress gets a line as each download starts and ends
   * @throws ResolverException naming what could not be resolved, or from where
   */
  public synchronized List<Path> resolve(List<String> coordinates, Consumer<String> progress) {
    this.progress = progress;
    try {
      return resolve(coordinates);
    } finally {
      this.progress = line -> { };
    }
  }

  private List<Path> resolve(List<String> coordinates) {
    CollectRequest collect = new CollectRequest();
    for (String c : coordinates) {
      try {
        collect.addDependency(new Dependency(new DefaultArtifact(c.strip()), JavaScopes.RUNTIME));
      } catch (IllegalArgumentException e) {
        throw new ResolverException("not a Maven coordinate (groupId:artifactId:version): " + c, e);
      }
    }
    collect.setRepositories(system.newResolutionRepositories(session, repositories));
    DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
    try {
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
        Path p = r.getArtifact().getPath();
        if (p != null && !jars.contains(p)) {
          jars.add(p);
        }
      }
      return jars;
    } catch (DependencyResolutionException e) {
      throw new ResolverException("cannot resolve " + String.join(" ", coordinates) + ": " + reason(e), e);
    }
  }

  /** The most specific message in the cause chain, on one line. */
  static String reason(Throwable e) {
    String best = e.getMessage();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
      if (t instanceof org.eclipse.aether.transfer.ArtifactNotFoundException
          || t instanceof org.eclipse.aether.transfer.ArtifactTransferException) {
        break;
      }
    }
    return best == null ? e.getClass().getSimpleName() : best.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Override
  public void close() {
    session.close();
    system.shutdown();
  }
}
