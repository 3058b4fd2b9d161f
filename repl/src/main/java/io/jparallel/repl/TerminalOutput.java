package io.jparallel.repl;

import io.jparallel.client.ProgressBar;
import io.jparallel.session.Display;
import io.jparallel.session.SessionOutput;
import java.time.Duration;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * The REPL's {@link SessionOutput}: text goes to the terminal as it comes, from any thread.
 * While a cell runs it is written in place; while the prompt is up (output of a
 * {@code --noblock} task arriving later) whole lines are printed above the prompt with
 * {@link LineReader#printAbove}. Progress is one {@link ProgressBar} line, erased when done
 * or when other output arrives. Standard error and errors are red where the terminal has colours.
 */
final class TerminalOutput implements SessionOutput {
  private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  private final Terminal terminal;
  private final LineReader reader;
  private boolean prompting;
  private boolean atLineStart = true;
  private boolean progressShown;
  private final StringBuilder pendingAbove = new StringBuilder();

  TerminalOutput(Terminal terminal, LineReader reader) {
    this.terminal = terminal;
    this.reader = reader;
  }

  /** The reader is (about to be) reading: later output goes above the prompt. */
  synchronized void prompting(boolean on) {
    if (!on && pendingAbove.length() > 0) {
      String rest = pendingAbove.toString();
      pendingAbove.setLength(0);
      prompting = false;
      write(rest, null);
    }
    prompting = on;
  }

  @Override
  public synchronized void stdout(String text) {
    write(text, null);
  }

  @Override
  public synchronized void stderr(String text) {
    write(text, RED);
  }

  @Override
  public synchronized void display(Display display) {
    String text = display.text();
    write(text.endsWith("\n") ? text : text + "\n", null);
  }

  @Override
  public synchronized void update(int done, int total, Duration elapsed) {
    if (prompting) {
      return;
    }
    if (!atLineStart) {
      raw("\n");
      atLineStart = true;
    }
    eraseLine();
    raw(ProgressBar.tasks(width()).render(done, total, elapsed));
    progressShown = true;
    terminal.flush();
  }

  @Override
  public synchronized void finish(int done, int total, Duration elapsed) {
    eraseProgress();
  }

  private void eraseProgress() {
    if (progressShown) {
      eraseLine();
      progressShown = false;
      terminal.flush();
    }
  }

  /** A cell's value line(s), on a line of their own. */
  synchronized void result(String text) {
    newlineIfNeeded();
    write(text + "\n", null);
  }

  /** A cell's error lines, on lines of their own, in red. */
  synchronized void error(Iterable<String> lines) {
    newlineIfNeeded();
    for (String line : lines) {
      write(line + "\n", RED);
    }
  }

  /** Ends a line left open by the last cell's output ({@code System.out.print("x")}). */
  synchronized void newlineIfNeeded() {
    eraseProgress();
    if (!atLineStart) {
      write("\n", null);
    }
  }

  private void write(String text, AttributedStyle style) {
    if (text.isEmpty()) {
      return;
    }
    if (prompting) {
      above(text, style);
      return;
    }
    if (progressShown) {
      eraseLine();
      progressShown = false;
    }
    raw(style == null ? text : styled(text, style));
    atLineStart = text.endsWith("\n");
    terminal.flush();
  }

  /** Whole lines above the prompt; a partial line waits for its end (or the next cell). */
  private void above(String text, AttributedStyle style) {
    pendingAbove.append(text);
    int nl = pendingAbove.lastIndexOf("\n");
    if (nl < 0) {
      return;
    }
    String lines = pendingAbove.substring(0, nl);
    pendingAbove.delete(0, nl + 1);
    reader.printAbove(style == null ? lines : styled(lines, style));
  }

  private String styled(String text, AttributedStyle style) {
    return new AttributedString(text, style).toAnsi(terminal);
  }

  private void eraseLine() {
    raw("\r");
    if (!terminal.puts(Capability.clr_eol)) {
      raw(" ".repeat(width()) + "\r");
    }
  }

  private void raw(String s) {
    terminal.writer().print(s);
  }

  private int width() {
    int w = terminal.getWidth();
    return w <= 1 ? 79 : w - 1;
  }
}
