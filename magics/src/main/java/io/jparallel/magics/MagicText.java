package io.jparallel.magics;

/**
 * Text a magic returns for display as is (help, {@code %lsmagic}): front ends print it
 * verbatim rather than as a quoted {@code String} value.
 */
public record MagicText(String text) {
  @Override
  public String toString() {
    return text;
  }
}
