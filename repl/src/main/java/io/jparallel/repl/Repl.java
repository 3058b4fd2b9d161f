package io.jparallel.repl;

import io.jparallel.session.CellResult;
import io.jparallel.session.Session;
import io.jparallel.wire.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.keymap.KeyMap;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The interactive loop on a JLine terminal: prompt {@code jpar> } ({@code jpar[px]> } under
 * {@code %autopx}), continuation prompt {@code   ...> } while the session calls the input
 * incomplete, Tab completion from the session, history in {@code $JPARALLEL_DIR/history}.
 * Shift-Tab shows the documentation of what is at the cursor. Ctrl-C while a cell runs interrupts it (local snippet or remote tasks) and returns to the
 * prompt; at the prompt it clears the line. Ctrl-D on an empty line (or {@code /exit},
 * {@code exit}, {@code quit}) ends the loop; closing the session is the caller's.
 */
public final class Repl {
  static final String PROMPT = "jpar> ";
  static final String PX_PROMPT = "jpar[px]> ";
  static final String CONTINUATION = "  ...> ";

  private final Terminal terminal;
  private final Session session;
  private final Path historyFile;
  private volatile boolean running;

  public Repl(Terminal terminal, Session session, Path historyFile) {
    this.terminal = terminal;
    this.session = session;
    this.historyFile = historyFile;
  }

  /** {@code $JPARALLEL_DIR/history} (default {@code ~/.jparallel/history}). */
  public static Path defaultHistoryFile() {
    return Profiles.base().resolve("history");
  }

  /** Reads and runs cells until end of input; returns the exit status (0). */
  public int run(String banner) {
    LineReader reader = newReader();
    TerminalOutput out = new TerminalOutput(terminal, reader);
    // an INT signal from outside (kill -INT) interrupts a running cell too
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
      if (running) {
        session.interrupt();
      }
    });
    Attributes original = terminal.getAttributes();
    Attributes keysNotSignals = new Attributes(original);
    keysNotSignals.setLocalFlag(Attributes.LocalFlag.ISIG, false); // see InterruptKeys
    terminal.setAttributes(keysNotSignals);
    try {
      terminal.writer().println(banner);
      terminal.flush();
      session.beginClusterStart(); // engines start as the prompt shows (ReplCommand opened the session without waiting)
      loop(reader, out);
      return 0;
    } finally {
      terminal.setAttributes(original);
      terminal.handle(Terminal.Signal.INT, previous);
      saveHistory(reader);
    }
  }

  private void loop(LineReader reader, TerminalOutput out) {
    while (true) {
      String cell;
      out.prompting(true);
      try {
        cell = reader.readLine(session.autopx() ? PX_PROMPT : PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C at the prompt: the line is dropped
      } catch (EndOfFileException e) {
        return;
      } finally {
        out.prompting(false);
      }
      if (cell.isBlank()) {
        continue;
      }
      if (Session.isExit(cell)) {
        return;
      }
      String typeAhead = execute(cell, out);
      if (!typeAhead.isEmpty()) {
        reader.runMacro(typeAhead);
      }
    }
  }

  /** Runs a cell, Ctrl-C interrupting it; returns the keys typed while it ran. */
  private String execute(String cell, TerminalOutput out) {
    CellResult result;
    String typeAhead;
    running = true;
    InterruptKeys keys = InterruptKeys.watch(terminal, session::interrupt);
    try {
      result = session.execute(cell, out);
    } catch (RuntimeException e) {
      result = CellResult.error(ResultText.of(e));
    } finally {
      running = false;
      typeAhead = keys.stop();
    }
    if (result.ok()) {
      ResultText.value(result, session.executionCount()).ifPresentOrElse(out::result, out::newlineIfNeeded);
    } else {
      out.error(ResultText.error(result));
    }
    return typeAhead;
  }

  private LineReader newReader() {
    LineReader reader = buildReader();
    // with ISIG off, Ctrl-C at the prompt is a key: drop the line as JLine does on SIGINT
    reader.getWidgets().put("jpar-interrupt", () -> {
      throw new UserInterruptException(reader.getBuffer().toString());
    });
    // Shift-Tab shows the signatures and javadoc of what is at the cursor (as JShell does)
    reader.getWidgets().put("jpar-inspect", () -> {
      String docs;
      try {
        docs = session.inspect(reader.getBuffer().toString(), reader.getBuffer().cursor()).orElse(null);
      } catch (RuntimeException e) {
        docs = null;
      }
      if (docs == null) {
        return false; // beep
      }
      reader.printAbove(docs);
      return true;
    });
    for (String map : new String[] {LineReader.EMACS, LineReader.VIINS, LineReader.VICMD}) {
      reader.getKeyMaps().get(map).bind(new Reference("jpar-interrupt"), KeyMap.ctrl('C'));
    }
    for (String map : new String[] {LineReader.EMACS, LineReader.VIINS}) {
      reader.getKeyMaps().get(map).bind(new Reference("jpar-inspect"), "\033[Z");
    }
    return reader;
  }

  private LineReader buildReader() {
    try {
      Files.createDirectories(historyFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      terminal.writer().println("jpar: history not saved (" + e.getMessage() + ")");
    }
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("jparallel")
        .parser(new CellParser(session::isComplete))
        .completer(new SessionCompleter(session))
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_SIZE, 2000)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // Java's ! is not a history event
        .option(LineReader.Option.INSERT_TAB, true)              // Tab on a blank line indents
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
        .build();
  }

  private void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (IOException | RuntimeException e) {
      terminal.writer().println("jpar: history not saved (" + e.getMessage() + ")");
      terminal.flush();
    }
  }
}
