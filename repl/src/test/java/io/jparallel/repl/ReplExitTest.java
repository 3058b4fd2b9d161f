package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-D ends the REPL, which stops the cluster it started: no engine JVM remains. */
class ReplExitTest {
  @TempDir
  Path home;

  @Test
  void ctrlDExitsAndStopsTheEngines() {
    try (Tmux tmux = Tmux.start(JavaCommand.shellLine(home, ReplMain.class, "-n", "2"), 100, 30)) {
      tmux.await("the prompt", s -> s.endsWith(Repl.PROMPT.strip()));
      ProcessHandle repl = tmux.process(ReplMain.class.getName()).orElseThrow();

      tmux.type("int kept = rc.ids().size();"); // the first cell waits for the cluster starting behind the prompt
      tmux.press("Enter");
      tmux.awaitLastLine(Repl.PROMPT);
      tmux.type("kept");
      tmux.press("Enter");
      tmux.await("both engines in rc", s -> s.contains("]: 2"));
      List<ProcessHandle> engines = repl.descendants()
          .filter(p -> p.info().commandLine().map(c -> c.contains("-Djparallel.role=engine")).orElse(false))
          .collect(Collectors.toList());
      assertThat(engines).as("engine JVMs of the REPL's cluster").hasSize(2);
      tmux.press("C-d");
      tmux.await("exit status 0", s -> s.contains("[exit 0]"), Duration.ofSeconds(30));

      assertThat(repl.isAlive()).isFalse();
      for (ProcessHandle engine : engines) {
        assertThat(engine.isAlive()).as("engine pid %d after exit", engine.pid()).isFalse();
      }
      assertThat(home.resolve("history")).exists();
      assertThat(contents(home.resolve("history"))).contains("int kept = rc.ids().size();");
    }
  }

  private static String contents(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
