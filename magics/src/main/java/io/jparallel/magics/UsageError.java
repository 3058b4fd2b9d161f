package io.jparallel.magics;

/**
 * A user mistake in a magic: unknown magic, bad flag, bad value. Front ends print
 * {@link #line()} (one line, {@code UsageError: ...}) and never a stack trace, as IPython does.
 */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message, null, false, false);
  }

  /** {@code UsageError: <message>}, what the user sees. */
  public String line() {
    return "UsageError: " + getMessage();
  }

  @Override
  public String toString() {
    return line();
  }
}
