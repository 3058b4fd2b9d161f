package io.jparallel.cluster;

import io.jparallel.client.Client;
import io.jparallel.jvm.JvmOptions;
import io.jparallel.wire.Profiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jpar cluster start --daemon}: runs the same start again as a detached process (its
 * own session, output to the profile's log), and returns once its engines have registered,
 * or with the reason it did not start (the daemon's own last words), having stopped it.
 */
public final class ClusterDaemon {
  /** How the daemon ended up: started (with a line to print) or failed (with the reason). */
  public record Outcome(boolean started, String message) {}

  private ClusterDaemon() {}

  /**
   * Starts {@code java -cp <this class path> mainClass args} detached, as cluster
   * {@code clusterId} of {@code profile}, and waits up to {@code timeout} plus a margin for
   * {@code engines} engines.
   */
  public static Outcome start(String profile, String clusterId, int engines, String mainClass, List<String> args,
      Duration timeout) throws IOException, InterruptedException {
    Path log = Profiles.logs(profile).resolve("cluster-" + clusterId + ".log");
    Files.createDirectories(log.getParent());
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(JvmOptions.java().toString());
    cmd.add("-Djparallel.role=controller");
    cmd.add("-Djparallel.cluster=" + clusterId);
    cmd.addAll(JvmOptions.controller());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    Path clientFile = Profiles.clientFile(profile, clusterId);
    // the daemon itself gives up after `timeout` and says why: wait a little longer for its words
    long deadline = System.nanoTime() + timeout.plusSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return new Outcome(false, "the cluster exited while starting (code " + p.exitValue() + "): "
            + lastWords(log, logStart) + " (log " + log + ")");
      }
      if (Files.exists(clientFile)) {
        try (Client rc = Client.connect(clientFile)) {
          rc.waitForEngines(engines, Duration.ofMillis(500));
          return new Outcome(true, "cluster " + clusterId + " started: " + rc.ids().size()
              + (rc.ids().size() == 1 ? " engine" : " engines") + ", controller pid "
              + p.pid() + "; log " + log);
        } catch (RuntimeException e) {
          // not all registered yet, or the file is from a moment before the controller listened
        }
      }
      Thread.sleep(100);
    }
    p.destroy();
    p.waitFor();
    return new Outcome(false, "the cluster did not start within " + timeout.plusSeconds(30).toSeconds() + " s: "
        + lastWords(log, logStart) + " (log " + log + ")");
  }

  /** The daemon's last error line ("jpar: ..."), or its last line. */
  private static String lastWords(Path log, long from) {
    try {
      String text = Files.readString(log);
      text = text.substring((int) Math.min(from, text.length()));
      List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith("jpar: ")) {
          return lines.get(i).substring(6);
        }
      }
      return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "no log";
    }
  }
}
