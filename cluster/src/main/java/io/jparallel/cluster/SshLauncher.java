package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import io.jparallel.jvm.JvmOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Engines on other hosts through the system's {@code ssh} (its keys, its {@code ~/.ssh/config};
 * {@link #sshOptions} are passed through): one ssh session per engine, with a pseudo-terminal
 * ({@code -tt}) so the engine gets SIGHUP when its session ends, whoever ends it. A shared
 * file system is assumed (the same jar and connection file paths on every host) unless
 * {@link #shipJar}: then the jar is copied once per host by content hash, and the engine
 * connection file (mode 0600) beside it. {@link LaunchedEngines#stop()} kills the engines
 * through ssh too; an engine whose controller is gone exits by itself.
 */
public final class SshLauncher implements Launcher {
  static final String NAME = "ssh";
  private static final String DEFAULT_REMOTE_DIR = "~/.jparallel/lib";
  private static final Pattern PID_LINE = Pattern.compile("JPAR-PID (\\d+)");
  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

  private final Map<String, Integer> hosts;
  private final List<String> sshOptions;
  private final String remoteJava;
  private final String remoteDir;
  private final boolean shipJar;

  SshLauncher(Map<String, Integer> hosts, List<String> sshOptions, String remoteJava, String remoteDir, boolean shipJar) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("ssh needs at least one host (--hosts h1:4,h2:4)");
    }
    hosts.forEach((h, n) -> {
      if (n == null || n < 1) {
        throw new IllegalArgumentException("host " + h + " needs at least one engine, not " + n);
      }
    });
    this.hosts = new LinkedHashMap<>(hosts);
    this.sshOptions = List.copyOf(sshOptions);
    this.remoteJava = remoteJava;
    this.remoteDir = remoteDir == null ? DEFAULT_REMOTE_DIR : remoteDir;
    this.shipJar = shipJar;
  }

  /** Parses {@code h1:4,h2:4} (a host without a count gets one engine). */
  public static Map<String, Integer> parseHosts(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.lastIndexOf(':');
      String host = colon < 0 ? p : p.substring(0, colon);
      int n;
      try {
        n = colon < 0 ? 1 : Integer.parseInt(p.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad host '" + p + "' in --hosts: expected HOST or HOST:COUNT");
      }
      out.merge(host, n, Integer::sum);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--hosts lists no host (expected h1:4,h2:4)");
    }
    return out;
  }

  /** Each option is one argument given to ssh ({@code "-F", "FILE"}; {@code "-o", "Port=2222"}). */
  public SshLauncher sshOptions(List<String> options) {
    return new SshLauncher(hosts, options, remoteJava, remoteDir, shipJar);
  }

  /** The java executable on the hosts (default: this JVM's path, as on a shared file system). */
  public SshLauncher remoteJava(String path) {
    return new SshLauncher(hosts, sshOptions, path, remoteDir, shipJar);
  }

  /** Where a shipped jar and connection file go on the hosts (default {@code ~/.jparallel/lib}). */
  public SshLauncher remoteDir(String dir) {
    return new SshLauncher(hosts, sshOptions, remoteJava, dir, shipJar);
  }

  /** Copy the jar to each host (once, by content hash) instead of assuming a shared file system. */
  public SshLauncher shipJar(boolean ship) {
    return new SshLauncher(hosts, sshOptions, remoteJava, remoteDir, ship);
  }

  public Map<String, Integer> hosts() {
    return Map.copyOf(hosts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int impliedEngines() {
    return hosts.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String defaultBindAddress() {
    String first = hosts.keySet().iterator().next();
    return Addresses.routeTo(first, sshOptions).orElseThrow(() -> new LaunchException(
        "no route from this host to " + first + " (cannot resolve it, or no interface reaches it); pass --ip ADDR"));
  }

  @Override
  public String toString() {
    return "ssh " + hosts;
  }

  List<String> ssh(String host, boolean tty) {
    List<String> cmd = new ArrayList<>();
    cmd.add("ssh");
    cmd.addAll(sshOptions); // first: ssh keeps the first value it is given for an option
    cmd.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=10"));
    if (tty) {
      cmd.add("-tt");
    }
    cmd.add(host);
    return cmd;
  }

  @Override
  public LaunchedEngines launch(EngineSpec spec, Departures departures) {
    int total = impliedEngines();
    if (spec.count() != total) {
      throw new LaunchException("ssh starts the engines --hosts lists (" + total + "), not " + spec.count()
          + "; leave -n out or make them agree");
    }
    String java = remoteJava != null ? remoteJava : JvmOptions.java().toString();
    Started started = new Started(departures);
    try {
      Map<String, Placement> placed = new LinkedHashMap<>();
      if (shipJar) {
        Path jar = singleJar();
        String remoteJar = remoteDir + "/jpar-" + sha256(jar).substring(0, 16) + ".jar";
        String remoteFile = remoteDir + "/" + spec.engineFile().getFileName();
        List<CompletableFuture<Void>> copies = new ArrayList<>();
        for (String host : hosts.keySet()) {
          placed.put(host, new Placement(Shell.path(remoteJar), Shell.path(remoteFile), remoteFile));
          copies.add(CompletableFuture.runAsync(() -> ship(host, jar, remoteJar, spec.engineFile(), remoteFile)));
        }
        join(copies);
      } else {
        for (String host : hosts.keySet()) {
          placed.put(host, new Placement(Shell.quote(EngineClasspath.get()), Shell.quote(spec.engineFile().toString()), null));
        }
      }
      int id = 0;
      for (Map.Entry<String, Integer> h : hosts.entrySet()) {
        Placement where = placed.get(h.getKey());
        started.shipped.put(h.getKey(), where);
        for (int k = 0; k < h.getValue(); k++, id++) {
          List<String> engine = spec.engineCommand(java, "CLASSPATH");
          StringBuilder remote = new StringBuilder("echo JPAR-PID $$; exec env JPARALLEL_LAUNCHER=ssh");
          for (String w : engine) {
            remote.append(' ').append(w.equals("CLASSPATH") ? where.classPath : Shell.quote(w));
          }
          remote.append(" --file ").append(where.engineFile).append(" --id ").append(id);
          List<String> cmd = ssh(h.getKey(), true);
          cmd.add(remote.toString());
          String host = h.getKey();
          EngineProcess p = new EngineProcess(id, cmd, spec.log("ssh-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + k),
              (e, code) -> started.exited(host, e, code));
          started.add(host, p);
          p.start();
        }
      }
    } catch (RuntimeException e) {
      started.stop();
      throw e instanceof LaunchException l ? l : new LaunchException(e.getMessage(), e);
    }
    return started;
  }

  /** Where a host finds the engine's class path and connection file (quoted for its shell). */
  private record Placement(String classPath, String engineFile, String shippedFile) {}

  private void ship(String host, Path jar, String remoteJar, Path engineFile, String remoteFile) {
    // the connection file first (umask 077: mode 0600), and whether the jar is there already
    List<String> check = ssh(host, false);
    check.add("umask 077 && mkdir -p " + Shell.path(remoteDir) + " && cat > " + Shell.path(remoteFile)
        + " && test -f " + Shell.path(remoteJar));
    Exec.Result r = Exec.run(check, Map.of(), COMMAND_LIMIT, engineFile);
    if (r.code() == 1) {
      List<String> copy = ssh(host, false);
      String tmp = remoteJar + ".part";
      copy.add("cat > " + Shell.path(tmp) + " && mv " + Shell.path(tmp) + " " + Shell.path(remoteJar));
      r = Exec.run(copy, Map.of(), Duration.ofMinutes(5), jar);
    }
    if (!r.ok()) {
      throw new LaunchException("ssh " + host + " failed (exit " + r.code() + "): " + r.lastLine());
    }
  }

  private static Path singleJar() {
    Set<Path> entries = EngineClasspath.entries();
    if (entries.size() == 1 && entries.iterator().next().toString().endsWith(".jar")) {
      return entries.iterator().next();
    }
    throw new LaunchException("--ship-jar copies jparallel as one jar (cli/target/jpar.jar, as ./jpar runs it), but "
        + "this JVM loads it from " + entries.size() + " class path entries; run from the jar or use a shared file system");
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new LaunchException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void join(List<CompletableFuture<Void>> all) {
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The ssh sessions, one per engine, by host. */
  private final class Started implements LaunchedEngines {
    private final Departures departures;
    private final Map<String, List<EngineProcess>> byHost = new LinkedHashMap<>();
    private final Map<String, Placement> shipped = new LinkedHashMap<>();

    Started(Departures departures) {
      this.departures = departures;
    }

    synchronized void add(String host, EngineProcess p) {
      byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(p);
    }

    private synchronized Map<String, List<EngineProcess>> snapshot() {
      Map<String, List<EngineProcess>> copy = new LinkedHashMap<>();
      byHost.forEach((h, ps) -> copy.put(h, new ArrayList<>(ps)));
      return copy;
    }

    void exited(String host, EngineProcess p, int code) {
      long pid = remotePid(p);
      departures.gone(s -> s.launcher().equals(NAME) && s.pid() == pid,
          "its ssh session to " + host + " ended (" + exitMeaning(code) + ")");
    }

    @Override
    public List<Part> parts() {
      List<Part> out = new ArrayList<>();
      snapshot().forEach((host, ps) -> {
        for (EngineProcess p : ps) {
          long pid = remotePid(p);
          out.add(new Part(host, pid, "", "engine " + p.id() + " on " + host + (pid > 0 ? " (pid " + pid + ")" : "")));
        }
      });
      return out;
    }

    private boolean registered(EngineProcess p, Collection<EngineStatus> registered) {
      long pid = remotePid(p);
      return pid > 0 && registered.stream().anyMatch(s -> s.pid() == pid && s.launcher().equals(NAME));
    }

    @Override
    public Optional<String> failure(Collection<EngineStatus> registered) {
      for (Map.Entry<String, List<EngineProcess>> h : snapshot().entrySet()) {
        for (EngineProcess p : h.getValue()) {
          if (p.exitCode().isPresent() && !registered(p, registered)) {
            return Optional.of(describeExit(h.getKey(), p));
          }
        }
      }
      return Optional.empty();
    }

    private String describeExit(String host, EngineProcess p) {
      int code = p.exitCode().orElse(-1);
      List<String> tail = LogTail.of(p.log(), 4);
      if (code == 255) { // ssh's own failure: its last words say why
        return "ssh to " + host + " failed: " + (tail.isEmpty() ? "exit 255" : tail.get(tail.size() - 1))
            + " (log " + p.log() + ")";
      }
      return "engine " + p.id() + " on " + host + " exited with code " + code + LogTail.describe(p.log(), 4);
    }

    @Override
    public String pending(Collection<EngineStatus> registered) {
      List<String> out = new ArrayList<>();
      snapshot().forEach((host, ps) -> {
        for (EngineProcess p : ps) {
          if (!registered(p, registered)) {
            out.add(p.exitCode().isPresent() ? describeExit(host, p)
                : "engine " + p.id() + " on " + host + ": ssh session open, engine not registered"
                    + LogTail.describe(p.log(), 3));
          }
        }
      });
      return String.join("; ", out);
    }

    @Override
    public void stop() {
      Map<String, List<EngineProcess>> all = snapshot();
      all.values().forEach(ps -> ps.forEach(EngineProcess::stop)); // marks them stopping: no restart
      List<CompletableFuture<Void>> kills = new ArrayList<>();
      all.forEach((host, ps) -> {
        List<String> pids = new ArrayList<>();
        for (EngineProcess p : ps) {
          long pid = remotePid(p);
          if (pid > 0) {
            pids.add(Long.toString(pid));
          }
        }
        Placement where = shipped.get(host);
        String rm = where != null && where.shippedFile != null ? "rm -f " + Shell.path(where.shippedFile) : "";
        if (pids.isEmpty() && rm.isEmpty()) {
          return;
        }
        List<String> cmd = ssh(host, false);
        cmd.add((pids.isEmpty() ? "" : "kill -TERM " + String.join(" ", pids) + " 2>/dev/null; ") + rm + (rm.isEmpty() ? "true" : ""));
        kills.add(CompletableFuture.runAsync(() -> Exec.run(cmd, Map.of(), Duration.ofSeconds(20))));
      });
      kills.forEach(CompletableFuture::join);
      all.values().forEach(ps -> ps.forEach(p -> p.awaitStop(3000)));
    }
  }

  /** The engine's pid on its host, from the line its latest ssh session printed first; -1 until then. */
  static long remotePid(EngineProcess p) {
    long pid = -1;
    for (String line : LogTail.of(p.log(), Integer.MAX_VALUE)) {
      Matcher m = PID_LINE.matcher(line);
      if (m.lookingAt()) {
        pid = Long.parseLong(m.group(1));
      }
    }
    return pid;
  }

  private static String exitMeaning(int code) {
    return code == 255 ? "exit 255: the connection failed or the engine was killed" : "exit code " + code;
  }
}
