package io.jparallel.bench;

import io.jparallel.client.Client;
import io.jparallel.client.EngineStatus;
import io.jparallel.wire.Liveness;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time spent by this JVM (the client, and the controller when the benchmark started the
 * cluster) and by the cluster's engines on this host, read from the OS: a benchmark's cost per
 * task in CPU is steadier on a shared machine than its rate, which swings with what else runs.
 * Engines on other hosts, and a controller in another process, are not counted.
 */
final class ClusterCpu {
  private final com.sun.management.OperatingSystemMXBean os;
  private final List<ProcessHandle> engines = new ArrayList<>();

  ClusterCpu(Client client) {
    os = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
    String here = Liveness.hostname(); // as engines name their host
    for (EngineStatus s : client.queueStatus().values()) {
      if (s.pid() > 0 && here.equals(s.hostname())) {
        ProcessHandle.of(s.pid()).ifPresent(engines::add);
      }
    }
  }

  /** CPU nanoseconds so far, or -1 when this JVM cannot tell its own. */
  long nanos() {
    if (os == null || os.getProcessCpuTime() < 0) {
      return -1;
    }
    long n = os.getProcessCpuTime();
    for (ProcessHandle e : engines) {
      long precise = schedstat(e.pid());
      n += precise >= 0 ? precise : e.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return n;
  }

  /**
   * Linux's own count of a process's time on a CPU, in nanoseconds (the first field of each of
   * its threads' {@code schedstat}); -1 where there is none. The portable count has the clock
   * tick's resolution (10 ms per process), too coarse for a round of 4096 echoes.
   */
  private static long schedstat(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long n = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path t : threads) {
        try {
          String line = Files.readString(t.resolve("schedstat"));
          int space = line.indexOf(' ');
          n += Long.parseLong(space < 0 ? line.strip() : line.substring(0, space));
        } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return n;
  }

  /** How many engine processes are counted. */
  int engines() {
    return engines.size();
  }
}
