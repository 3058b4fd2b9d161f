package io.jparallel.session;

import io.jparallel.wire.Log;
import io.jparallel.wire.LogFiles;
import io.jparallel.wire.Profiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a front end's process logs ({@link Log}: its own lines and those of the cluster its
 * session embeds): {@code log/session-<pid>.log} of the profile, not the terminal or the
 * cells. The log is the process's, so the front end (the REPL, {@code jpar run}, the kernel)
 * chooses it once, before it opens its session; sessions never touch it. Old logs of the
 * profile go then ({@link LogFiles}).
 */
public final class ProcessLog {
  private ProcessLog() {}

  /** Points this process's log at the profile's session log; on the process's stderr if that cannot be written. */
  public static synchronized void toProfile(String profile) {
    try {
      Path dir = Profiles.logs(profile);
      Files.createDirectories(dir);
      LogFiles.prune(dir);
      Path file = dir.resolve("session-" + ProcessHandle.current().pid() + ".log");
      Log.to(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      Log.of("session").warn("cannot write the log in " + Profiles.logs(profile) + " (" + e.getMessage()
          + "); logging to stderr");
    }
  }
}
