package io.jparallel.magics;

/**
 * Implemented by a magic's picocli options class to check what picocli cannot (ranges,
 * combinations). Throw {@link IllegalArgumentException} with a short message; it becomes a
 * one-line {@link UsageError} naming the magic.
 */
public interface MagicOptions {
  default void validate() {}
}
