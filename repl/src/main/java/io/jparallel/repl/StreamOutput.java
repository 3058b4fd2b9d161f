package io.jparallel.repl;

import io.jparallel.session.Display;
import io.jparallel.session.SessionOutput;
import java.io.PrintStream;

/** {@code jpar run}'s output: stdout and displays to one stream, stderr to another, no progress bar. */
final class StreamOutput implements SessionOutput {
  private final PrintStream out;
  private final PrintStream err;

  StreamOutput(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public synchronized void stdout(String text) {
    out.print(text);
    out.flush();
  }

  @Override
  public synchronized void stderr(String text) {
    out.flush();
    err.print(text);
    err.flush();
  }

  @Override
  public synchronized void display(Display display) {
    String text = display.text();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }

  synchronized void error(Iterable<String> lines) {
    out.flush();
    for (String line : lines) {
      err.println(line);
    }
    err.flush();
  }
}
