package io.jparallel.testkit;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Other hosts on one machine, for tests: N network namespaces on a bridge of their own in
 * 198.18.0.0/15 (the benchmarking range; no route out of it), each with its own sshd (own
 * config and keys, under a temporary directory), and a single-node-per-namespace Slurm:
 * {@code munged} (its own key and socket), {@code slurmctld} in a namespace of its own, one
 * {@code slurmd} per host namespace, all started by hand. Names, the /24 and the run's lock
 * derive from a run id, so two runs on one machine do not collide. {@link #close()} removes
 * every daemon, namespace, veth and the bridge (and {@code /run/sshd} when it made it and no
 * other sshd runs). Needs root and the packages of {@link #unavailable()}.
 *
 * <pre>
 * bridge jpb&lt;id&gt;   198.18.X.1   (this namespace: the controller's host)
 * jph&lt;id&gt;1 ...     198.18.X.2.. (hosts h1..hN: sshd on 2222, slurmd)
 * jph&lt;id&gt;c         198.18.X.250 (slurmctld)
 * </pre>
 */
public final class HostsKit implements AutoCloseable {
  private static final List<String> TOOLS = List.of("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen",
      "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue",
      "/usr/bin/scancel", "/usr/bin/sinfo", "/usr/bin/mpiexec.openmpi", "/usr/bin/mpiexec.hydra", "/usr/bin/nsenter");
  public static final int SSH_PORT = 2222;
  private static final int CTLD_PORT = 6817;
  private static final int SLURMD_PORT = 6818;
  private static final int CTLD_HOST = 250;

  private final Path dir;
  private final int hosts;
  private final String id;
  private final int subnet;
  private final FileLock lock;
  private final Map<String, Process> daemons = new LinkedHashMap<>();
  private final List<String> namespaces = new ArrayList<>();
  private boolean madeRunSshd;
  private boolean bridgeUp;

  private HostsKit(Path dir, int hosts, String id, int subnet, FileLock lock) {
    this.dir = dir;
    this.hosts = hosts;
    this.id = id;
    this.subnet = subnet;
    this.lock = lock;
  }

  /** Why the kit cannot run here (not root, a tool missing), or empty when it can. */
  public static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("needs root (network namespaces, sshd, slurmd)");
    }
    List<String> missing = new ArrayList<>();
    for (String t : TOOLS) {
      if (!Files.isExecutable(Path.of(t))) {
        missing.add(t);
      }
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      missing.add("ip");
    }
    if (!missing.isEmpty()) {
      return Optional.of("not installed: " + String.join(", ", missing)
          + " (apt-get install openssh-server openssh-client slurm-wlm munge openmpi-bin mpich iproute2 util-linux)");
    }
    return Optional.empty();
  }

  /** Brings up {@code hosts} hosts (sshd each) and, with {@code slurm}, munged + slurmctld + a slurmd per host. */
  public static HostsKit start(Path parent, int hosts, boolean slurm) throws IOException, InterruptedException {
    String id = Long.toString(ProcessHandle.current().pid() % 1_679_616, 36); // at most 4 characters
    // one /24 of 198.18.0.0/15 per run, held by a lock (released by the OS if this JVM dies)
    int start = (int) (ProcessHandle.current().pid() % 500);
    for (int k = 0; k < 500; k++) {
      int candidate = (start + k) % 500 + 2; // 198.18.2.0 ... 198.19.245.0
      Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jparallel-hostskit-" + candidate + ".lock");
      FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null || subnetInUse(candidate)) {
        if (lock != null) {
          lock.release();
        }
        ch.close();
        continue;
      }
      Path dir = Files.createTempDirectory(parent, "hosts-");
      HostsKit kit = new HostsKit(dir, hosts, id + Integer.toString(k % 36, 36), candidate, lock);
      try {
        kit.up(slurm);
        return kit;
      } catch (IOException | InterruptedException | RuntimeException e) {
        kit.close();
        throw e;
      }
    }
    throw new IllegalStateException("no free /24 in 198.18.0.0/15 for the test hosts");
  }

  private static boolean subnetInUse(int candidate) throws IOException, InterruptedException {
    String prefix = "inet " + prefixOf(candidate);
    return run(Duration.ofSeconds(10), "ip", "-o", "addr", "show").contains(prefix);
  }

  private static String prefixOf(int s) {
    return (s < 256 ? "198.18." + s : "198.19." + (s - 256)) + ".";
  }

  /** This namespace's address on the bridge: where the controller binds. */
  public String controllerAddress() {
    return prefixOf(subnet) + 1;
  }

  /** Host {@code i}'s address (1-based). */
  public String hostAddress(int i) {
    return prefixOf(subnet) + (i + 1);
  }

  /** An address on the bridge's /24 where nothing answers. */
  public String unreachableAddress() {
    return prefixOf(subnet) + 200;
  }

  /** The /24 of the kit, as Open MPI's {@code *_if_include} takes it. */
  public String cidr() {
    return prefixOf(subnet) + "0/24";
  }

  public String bridge() {
    return "jpb" + id;
  }

  public String namespace(int i) {
    return "jph" + id + i;
  }

  private String ctldNamespace() {
    return "jph" + id + "c";
  }

  public Path dir() {
    return dir;
  }

  /** ssh client configuration for the hosts: root, port 2222, the kit's key, no host key checks, batch mode. */
  public Path sshConfig() {
    return dir.resolve("ssh/ssh_config");
  }

  /** {@code ssh -F <sshConfig>} as one executable, for launchers that take one (MPI). */
  public Path sshWrapper() {
    return dir.resolve("ssh/ssh");
  }

  /** A client key the hosts do not accept. */
  public Path strangerKey() {
    return dir.resolve("ssh/stranger_ed25519");
  }

  /** Like {@link #sshConfig()}, but with {@link #strangerKey()}: every host refuses it. */
  public Path strangerSshConfig() {
    return dir.resolve("ssh/stranger_config");
  }

  /** The environment Slurm's commands need ({@code SLURM_CONF}). */
  public Map<String, String> slurmEnvironment() {
    return Map.of("SLURM_CONF", dir.resolve("slurm/slurm.conf").toString());
  }

  /** Slurm's node names for the hosts. */
  public String node(int i) {
    return "h" + i;
  }

  /** Processes now in host {@code i}'s namespace other than its daemons (engines, slurmstepd, orted). */
  public List<Long> guests(int i) throws IOException, InterruptedException {
    List<Long> out = new ArrayList<>();
    for (String l : run(Duration.ofSeconds(10), "ip", "netns", "pids", namespace(i)).split("\\s+")) {
      if (l.isBlank()) {
        continue;
      }
      long pid = Long.parseLong(l.strip());
      boolean daemon = daemons.values().stream().anyMatch(p -> p.pid() == pid);
      String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
      if (!daemon && !cmd.contains("sshd: ") && !cmd.isEmpty()) {
        out.add(pid);
      }
    }
    return out;
  }

  /** Command lines of the guests of host {@code i} (for failure messages). */
  public List<String> guestCommands(int i) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (long pid : guests(i)) {
      out.add(pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"));
    }
    return out;
  }

  /**
   * Waits up to {@code limit} until no guest runs in any host's namespace; what still runs
   * then (pid and command line), empty when all is clean.
   */
  public List<String> awaitNoGuests(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> left = new ArrayList<>();
    while (true) {
      left.clear();
      for (int i = 1; i <= hosts; i++) {
        left.addAll(guestCommands(i));
      }
      if (left.isEmpty() || System.nanoTime() > deadline) {
        return left;
      }
      Thread.sleep(200);
    }
  }

  /** The calling process's own IPv4 address (not loopback): in a task, which host it runs on. */
  public static String ownAddress() throws SocketException {
    return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).map(InetAddress::getHostAddress)
        .findFirst().orElse("none");
  }

  /** Runs a Slurm client command with the kit's configuration, within 20 s; its output. */
  public String slurm(String... cmd) throws IOException, InterruptedException {
    return run(Duration.ofSeconds(20), slurmEnvironment(), cmd);
  }

  // ---- up and down -----------------------------------------------------------------------

  private void up(boolean slurm) throws IOException, InterruptedException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String d : List.of("log", "ssh", "munge", "slurm/state", "slurm/spool")) {
      Files.createDirectories(dir.resolve(d));
    }
    network();
    ssh();
    if (slurm) {
      munge();
      slurm();
    }
  }

  private void network() throws IOException, InterruptedException {
    String br = bridge();
    ip("link", "add", br, "type", "bridge");
    bridgeUp = true;
    ip("addr", "add", controllerAddress() + "/24", "dev", br);
    ip("link", "set", br, "up");
    for (int i = 1; i <= hosts; i++) {
      addNamespace(namespace(i), "jpv" + id + i, hostAddress(i));
    }
    addNamespace(ctldNamespace(), "jpv" + id + "c", prefixOf(subnet) + CTLD_HOST);
  }

  private void addNamespace(String ns, String veth, String address) throws IOException, InterruptedException {
    ip("netns", "add", ns);
    namespaces.add(ns);
    ip("link", "add", veth + "a", "type", "veth", "peer", "name", veth + "b");
    ip("link", "set", veth + "a", "master", bridge(), "up");
    ip("link", "set", veth + "b", "netns", ns);
    ip("-n", ns, "link", "set", "lo", "up");
    ip("-n", ns, "addr", "add", address + "/24", "dev", veth + "b");
    ip("-n", ns, "link", "set", veth + "b", "up");
  }

  private void ssh() throws IOException, InterruptedException {
    Path s = dir.resolve("ssh");
    run(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", s.resolve("host_ed25519").toString());
    run(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", s.resolve("id_ed25519").toString());
    run(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", strangerKey().toString());
    Files.copy(s.resolve("id_ed25519.pub"), s.resolve("authorized_keys"));
    Files.writeString(s.resolve("sshd_config"), String.join("\n",
        "HostKey " + s.resolve("host_ed25519"),
        "AuthorizedKeysFile " + s.resolve("authorized_keys"),
        "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "UsePAM no", "StrictModes no", "UseDNS no", "PrintMotd no", "MaxStartups 100:30:200", "MaxSessions 100", ""));
    Files.writeString(sshConfig(), String.join("\n", "Host *", "  User root", "  Port " + SSH_PORT,
        "  IdentityFile " + s.resolve("id_ed25519"), "  IdentitiesOnly yes", "  StrictHostKeyChecking no",
        "  UserKnownHostsFile /dev/null", "  GlobalKnownHostsFile /dev/null", "  LogLevel ERROR", "  BatchMode yes",
        "  ConnectTimeout 5", ""));
    Files.writeString(strangerSshConfig(), Files.readString(sshConfig())
        .replace(s.resolve("id_ed25519").toString(), strangerKey().toString()));
    Files.writeString(sshWrapper(), "#!/bin/sh\nexec ssh -F " + sshConfig() + " \"$@\"\n");
    Files.setPosixFilePermissions(sshWrapper(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path runSshd = Path.of("/run/sshd");
    if (!Files.isDirectory(runSshd)) {
      Files.createDirectories(runSshd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      madeRunSshd = true;
    }
    for (int i = 1; i <= hosts; i++) {
      daemon("sshd-" + i, namespace(i), "/usr/sbin/sshd", "-D", "-e", "-f", s.resolve("sshd_config").toString(),
          "-p", Integer.toString(SSH_PORT), "-o", "PidFile=" + s.resolve("sshd-" + i + ".pid"));
    }
    for (int i = 1; i <= hosts; i++) {
      awaitPort(hostAddress(i), SSH_PORT, "sshd-" + i);
    }
  }

  private void munge() throws IOException, InterruptedException {
    Path m = dir.resolve("munge");
    Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rwxr-xr-x"));
    byte[] key = new byte[1024];
    new java.security.SecureRandom().nextBytes(key);
    Path keyFile = m.resolve("munge.key");
    Files.write(keyFile, key);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
    daemon("munged", null, "/usr/sbin/munged", "--foreground", "--socket=" + m.resolve("munge.sock"),
        "--key-file=" + keyFile, "--pid-file=" + m.resolve("munged.pid"), "--seed-file=" + m.resolve("munged.seed"),
        "--log-file=" + dir.resolve("log/munged.log"));
    awaitTrue("munged socket", () -> Files.exists(m.resolve("munge.sock")));
  }

  private void slurm() throws IOException, InterruptedException {
    Path sl = dir.resolve("slurm");
    Path conf = sl.resolve("slurm.conf");
    StringBuilder c = new StringBuilder();
    c.append("ClusterName=jptest").append(id).append('\n')
        .append("SlurmctldHost=localhost(").append(prefixOf(subnet)).append(CTLD_HOST).append(")\n")
        .append("SlurmctldPort=").append(CTLD_PORT).append('\n')
        .append("SlurmdPort=").append(SLURMD_PORT).append('\n')
        .append("SlurmUser=root\nSlurmdUser=root\nAuthType=auth/munge\nCredType=cred/munge\n")
        .append("AuthInfo=socket=").append(dir.resolve("munge/munge.sock")).append('\n')
        .append("StateSaveLocation=").append(sl.resolve("state")).append('\n')
        .append("SlurmdSpoolDir=").append(sl.resolve("spool")).append("/%n\n")
        .append("SlurmctldPidFile=").append(sl.resolve("slurmctld.pid")).append('\n')
        .append("SlurmdPidFile=").append(sl.resolve("slurmd-%n.pid")).append('\n')
        .append("SlurmctldLogFile=").append(dir.resolve("log/slurmctld.log")).append('\n')
        .append("SlurmdLogFile=").append(dir.resolve("log/slurmd-%n.log")).append('\n')
        .append("ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nSelectType=select/cons_tres\n")
        .append("SelectTypeParameters=CR_Core\nSchedulerParameters=batch_sched_delay=0\nSlurmdParameters=config_overrides\n")
        .append("JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n")
        .append("JobCompType=jobcomp/none\nMpiDefault=none\nMailProg=/bin/true\nReturnToService=2\n")
        .append("InactiveLimit=0\nKillWait=5\nMinJobAge=10\n");
    for (int i = 1; i <= hosts; i++) {
      c.append("NodeName=").append(node(i)).append(" NodeAddr=").append(hostAddress(i))
          .append(" CPUs=4 RealMemory=2000 State=UNKNOWN\n");
    }
    c.append("PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n");
    Files.writeString(conf, c.toString());
    daemon("slurmctld", ctldNamespace(), "/usr/sbin/slurmctld", "-D", "-f", conf.toString());
    awaitPort(prefixOf(subnet) + CTLD_HOST, CTLD_PORT, "slurmctld");
    for (int i = 1; i <= hosts; i++) {
      Files.createDirectories(sl.resolve("spool").resolve(node(i)));
      daemon("slurmd-" + i, namespace(i), "/usr/sbin/slurmd", "-D", "-N", node(i), "-f", conf.toString());
    }
    awaitTrue(hosts + " idle Slurm nodes", () -> {
      try {
        String out = slurm("timeout", "3", "sinfo", "-h", "-N", "-o", "%T");
        return out.lines().filter(l -> l.strip().equals("idle")).count() == hosts;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    });
  }

  /** Stops every daemon and whatever still runs in the kit's namespaces, removes namespaces, veths, bridge. */
  @Override
  public void close() {
    try {
      if (daemons.containsKey("slurmctld") && daemons.get("slurmctld").isAlive()) {
        try {
          slurm("timeout", "5", "scancel", "--partition=debug");
        } catch (IOException | InterruptedException e) {
          // the daemons go anyway
        }
      }
      List<Process> all = new ArrayList<>(daemons.values());
      java.util.Collections.reverse(all); // slurmd, slurmctld, munged, sshd
      for (Process p : all) {
        p.destroy();
      }
      for (Process p : all) {
        try {
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
        }
      }
      for (String ns : namespaces) {
        try {
          for (String pid : run(Duration.ofSeconds(10), "ip", "netns", "pids", ns).split("\\s+")) {
            if (!pid.isBlank()) {
              ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
          }
          run(Duration.ofSeconds(10), "ip", "netns", "del", ns); // takes its end of the veth pair with it
        } catch (IOException | InterruptedException | RuntimeException e) {
          System.err.println("HostsKit: could not remove namespace " + ns + ": " + e.getMessage());
        }
      }
      if (bridgeUp) {
        try {
          run(Duration.ofSeconds(10), "ip", "link", "del", bridge());
        } catch (IOException | InterruptedException | RuntimeException e) {
          System.err.println("HostsKit: could not remove bridge " + bridge() + ": " + e.getMessage());
        }
      }
      if (madeRunSshd && ProcessHandle.allProcesses()
          .noneMatch(h -> h.info().command().map(c -> c.endsWith("/sshd")).orElse(false))) {
        try {
          Files.deleteIfExists(Path.of("/run/sshd"));
        } catch (IOException e) {
          // not empty or in use: leave it
        }
      }
    } finally {
      try {
        lock.release();
        lock.channel().close();
      } catch (IOException e) {
        // released when the JVM ends
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private void daemon(String name, String namespace, String... cmd) throws IOException {
    List<String> full = new ArrayList<>();
    if (namespace != null) {
      full.addAll(List.of("nsenter", "--net=/run/netns/" + namespace)); // nsenter execs: the Process is the daemon
    }
    full.addAll(List.of(cmd));
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log/" + name + ".out").toFile());
    pb.environment().putAll(slurmEnvironment());
    daemons.put(name, pb.start());
  }

  private void awaitPort(String host, int port, String what) throws InterruptedException {
    awaitTrue(what + " on " + host + ":" + port, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  private void awaitTrue(String what, java.util.function.BooleanSupplier check) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (check.getAsBoolean()) {
        return;
      }
      for (Map.Entry<String, Process> d : daemons.entrySet()) {
        if (!d.getValue().isAlive()) {
          throw new IllegalStateException(d.getKey() + " exited while waiting for " + what + ": " + logOf(d.getKey()));
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  private String logOf(String daemon) {
    try {
      return Files.readString(dir.resolve("log/" + daemon + ".out"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    run(Duration.ofSeconds(10), cmd.toArray(String[]::new));
  }

  /** Runs a command to its end; its output, or an exception with it when it fails. */
  static String run(Duration limit, String... cmd) throws IOException, InterruptedException {
    return run(limit, Map.of(), cmd);
  }

  static String run(Duration limit, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("hostskit", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": timed out");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + text.strip());
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
