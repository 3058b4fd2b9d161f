package io.jparallel.repl;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real terminal for tests: a detached tmux session of a fixed size on a private tmux
 * server ({@code -L}), driven by {@code send-keys} and read by {@code capture-pane}. The
 * command runs in a shell that prints {@code [exit N]} when it ends and then waits, so the
 * screen stays readable.
 */
final class Tmux implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TMUX = "/usr/bin/tmux";

  private final String server = "jpar-test-" + UUID.randomUUID().toString().substring(0, 8);

  private Tmux() {}

  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(TMUX)),
        "tmux is not installed (" + TMUX + "): the terminal tests of the REPL need it");
  }

  /** Starts {@code command} (a shell command line) in a {@code columns}x{@code rows} terminal. */
  static Tmux start(String command, int columns, int rows) {
    assumeInstalled();
    Tmux t = new Tmux();
    t.tmux("new-session", "-d", "-s", "repl", "-x", Integer.toString(columns), "-y", Integer.toString(rows),
        command + "; echo \"[exit $?]\"; sleep 600");
    return t;
  }

  /** Types text literally (no key names). */
  void type(String text) {
    // tmux reads an argument ending in ';' as a command separator unless it is escaped
    tmux("send-keys", "-t", "repl", "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
  }

  /** Presses keys by tmux name: {@code Enter}, {@code Tab}, {@code C-c}, {@code C-d}. */
  void press(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "repl"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** The visible screen (plus scroll-back), trailing blank lines removed. */
  String screen() {
    return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "repl").stripTrailing();
  }

  /** The last non-blank line of the screen. */
  String lastLine() {
    String[] lines = screen().split("\n");
    return lines[lines.length - 1];
  }

  /** Waits until the screen satisfies {@code condition}; fails with the screen otherwise. */
  String await(String what, Predicate<String> condition) {
    return await(what, condition, TIMEOUT);
  }

  String await(String what, Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String screen;
    do {
      screen = screen();
      if (condition.test(screen)) {
        return screen;
      }
      sleep(100);
    } while (System.nanoTime() < deadline);
    return fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; the screen:\n" + screen);
  }

  String awaitText(String text) {
    return await("'" + text + "'", s -> s.contains(text));
  }

  /** Waits for the last line to be exactly {@code line} (trailing blanks ignored). */
  String awaitLastLine(String line) {
    return await("last line '" + line + "'", s -> {
      String[] lines = s.split("\n");
      return lines[lines.length - 1].stripTrailing().equals(line.stripTrailing());
    });
  }

  /** Clears the screen and the scroll-back (JLine's Ctrl-L at the prompt, then tmux's history). */
  void clear(String prompt) {
    press("C-l");
    awaitLastLine(prompt);
    tmux("clear-history", "-t", "repl");
  }

  /** The pid of the pane's shell. */
  long panePid() {
    return Long.parseLong(tmux("list-panes", "-t", "repl", "-F", "#{pane_pid}").strip());
  }

  /** The first process under the pane whose command line contains {@code marker}. */
  Optional<ProcessHandle> process(String marker) {
    return ProcessHandle.of(panePid()).stream().flatMap(ProcessHandle::descendants)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .findFirst();
  }

  private String tmux(String... args) {
    List<String> cmd = new ArrayList<>(List.of(TMUX, "-L", server));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run tmux: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      Path socket = Path.of(tmux("display-message", "-p", "#{socket_path}").strip());
      tmux("kill-server");
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // a socket file left in the tmux directory is harmless
    } catch (IllegalStateException alreadyGone) {
      // the server ended with its last session
    }
  }
}
