package io.jparallel.cluster;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for POSIX shells: the remote command of ssh and the lines of a batch script. */
final class Shell {
  private Shell() {}

  /** One word, single-quoted unless it is plainly safe. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** A path the remote shell expands {@code ~/} in, the rest quoted. */
  static String path(String p) {
    if (p.equals("~")) {
      return "\"$HOME\"";
    }
    if (p.startsWith("~/")) {
      return "\"$HOME\"/" + quote(p.substring(2));
    }
    return quote(p);
  }

  static String join(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
