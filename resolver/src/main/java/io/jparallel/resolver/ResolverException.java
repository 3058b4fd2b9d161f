package io.jparallel.resolver;

/**
 * Resolution failed: an unresolvable coordinate, an unreachable repository, a bad URL or
 * settings file. The message is one line naming what failed.
 */
public final class ResolverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ResolverException(String message, Throwable cause) {
    super(message, cause);
  }
}
