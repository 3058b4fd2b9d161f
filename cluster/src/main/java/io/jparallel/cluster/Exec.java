package io.jparallel.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command of a cluster manager (sbatch, squeue, scancel, ssh for a file or a
 * kill, mpiexec --version) to its end within a time limit, and captures what it said.
 */
final class Exec {
  /** How a command ended: its exit code (-1 when it timed out or could not start), stdout, stderr. */
  record Result(int code, String stdout, String stderr) {
    boolean ok() {
      return code == 0;
    }

    /** The last non-empty line of stderr (else stdout): what a tool says when it refuses. */
    String lastLine() {
      String s = lastLine(stderr);
      return s.isEmpty() ? lastLine(stdout) : s;
    }

    private static String lastLine(String text) {
      String[] lines = text.strip().split("\\R");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank()) {
          return lines[i].strip();
        }
      }
      return "";
    }
  }

  private Exec() {}

  static Result run(List<String> cmd, Map<String, String> env, Duration limit) {
    return run(cmd, env, limit, null);
  }

  /** Runs {@code cmd} with {@code stdin} (a file, or none) and the extra {@code env}. */
  static Result run(List<String> cmd, Map<String, String> env, Duration limit, Path stdin) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("jparallel-exec", ".out");
      err = Files.createTempFile("jparallel-exec", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
          : ProcessBuilder.Redirect.from(stdin.toFile()));
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      String o = Files.readString(out, StandardCharsets.UTF_8);
      String e = Files.readString(err, StandardCharsets.UTF_8);
      if (!done) {
        return new Result(-1, o, (e + "\n" + cmd.get(0) + " did not finish within " + limit.toSeconds() + " s").strip());
      }
      return new Result(p.exitValue(), o, e);
    } catch (IOException e) {
      return new Result(-1, "", "could not run " + cmd.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted while running " + cmd.get(0));
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }
}
