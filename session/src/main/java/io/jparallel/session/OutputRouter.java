package io.jparallel.session;

import io.jparallel.wire.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends what in-process code prints ({@code System.out}/{@code err}) to the output of the
 * session it belongs to ({@link SessionContext#current()}): its running cell's, or after the
 * cell ended (background threads, {@code --noblock} tasks) its last cell's, so front ends
 * can still show it. {@code System.out} is one per JVM, so this is installed once per JVM;
 * which session's output a line goes to is per thread. The original streams stay reachable
 * for the front ends themselves, and {@link Log} keeps writing to the process's stderr (or
 * where a front end pointed it): it is initialised here, before the streams are replaced.
 */
final class OutputRouter {
  static final PrintStream ORIGINAL_OUT = System.out;
  static final PrintStream ORIGINAL_ERR = System.err;
  private static final Log LOG = Log.of("session");
  private static boolean installed;

  private OutputRouter() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
    installed = true;
    LOG.debug("System.out and System.err now go to the sessions' cells");
  }

  /** Decodes UTF-8 bytes per write call and forwards whole strings. */
  private static final class Routed extends OutputStream {
    private final boolean err;

    Routed(boolean err) {
      this.err = err;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      SessionContext context = SessionContext.current();
      SessionOutput out = context == null ? null : context.output();
      if (out == null) {
        (err ? ORIGINAL_ERR : ORIGINAL_OUT).write(b, off, len);
        return;
      }
      String text = new String(b, off, len, StandardCharsets.UTF_8);
      if (err) {
        out.stderr(text);
      } else {
        out.stdout(text);
      }
    }
  }
}
