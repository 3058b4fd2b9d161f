package io.jparallel.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends what in-process code prints ({@code System.out}/{@code err}) to the running cell's
 * {@link SessionOutput}; output that comes after its cell ended (background threads,
 * {@code --noblock} tasks) goes to the last cell's output, so front ends can still show it.
 * Installed once per JVM; the original streams stay reachable for the front ends themselves.
 */
final class OutputRouter {
  static final PrintStream ORIGINAL_OUT = System.out;
  static final PrintStream ORIGINAL_ERR = System.err;
  private static volatile SessionOutput current;
  private static volatile boolean installed;

  private OutputRouter() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
    installed = true;
  }

  /** Where output goes from now on (the cell that starts). */
  static void use(SessionOutput out) {
    current = out;
  }

  static SessionOutput current() {
    return current;
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
      SessionOutput out = current;
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
