package io.jparallel.cli;

import io.jparallel.bench.Soak;
import io.jparallel.client.Client;
import io.jparallel.cluster.ClusterDaemon;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Json;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jpar bench soak}: the soak benchmark ({@link Soak}). The controller and engines run in
 * a cluster process of their own, started as {@code jpar cluster start --daemon} would and
 * stopped at the end, so the client's and the controller's heaps are measured apart.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "N tiny tasks as N applyAsync calls, then as one mapAsync: none lost or duplicated (the sum is "
        + "checked), tasks/s, the client's and controller's heap after GC every 100,000 tasks.")
final class SoakCommand implements Callable<Integer> {
  @Option(names = "--tasks", defaultValue = "1000000", description = "tasks per phase (default: ${DEFAULT-VALUE})")
  int tasks;

  @Option(names = {"-n", "--engines"}, defaultValue = "4", description = "engines (default: ${DEFAULT-VALUE})")
  int engines;

  @Option(names = "--json", description = "write the results here")
  Path json;

  @Mixin
  SchedulerOptions scheduler;

  @Mixin
  ReliabilityOptions reliability;

  @Override
  public Integer call() throws Exception {
    String id = "soak-" + ProcessHandle.current().pid();
    String profile = Profiles.DEFAULT;
    List<String> args = new ArrayList<>(List.of("cluster", "start", "--profile", profile, "--cluster-id", id,
        "-n", Integer.toString(engines), "--scheme", scheduler.scheme, "--hwm", Integer.toString(scheduler.hwm)));
    args.addAll(reliability.args());
    ClusterDaemon.Outcome started = ClusterDaemon.start(profile, id, engines, Main.class.getName(), args,
        Duration.ofSeconds(120));
    if (!started.started()) {
      System.err.println("jpar: " + started.message());
      return 1;
    }
    Path clientFile = Profiles.clientFile(profile, id);
    long pid = ConnectionInfo.read(clientFile).pid();
    Soak.Report report;
    try (Client rc = Client.connect(clientFile)) {
      report = new Soak(rc, () -> heapAfterGc(pid)).run(tasks);
      rc.shutdown(true);
    } finally {
      ProcessHandle.of(pid).ifPresent(p -> {
        try {
          p.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          p.destroy();
        }
      });
    }
    System.out.print(Soak.table(report));
    if (json != null) {
      Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      System.out.println("wrote " + json);
    }
    return report.phases().stream().allMatch(Soak.Phase::sumOk) ? 0 : 1;
  }

  /** A process's heap in use after a GC, by the JDK's own jcmd; -1 if it cannot tell. */
  static long heapAfterGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      long used = 0;
      Matcher m = Pattern.compile("(generation|heap)\\s+total \\d+K, used (\\d+)K").matcher(out);
      while (m.find()) {
        used += Long.parseLong(m.group(2)) * 1024;
      }
      return used == 0 ? -1 : used;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
