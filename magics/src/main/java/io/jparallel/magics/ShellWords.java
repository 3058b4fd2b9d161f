package io.jparallel.magics;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line into words like a POSIX shell (whitespace separates, single
 * quotes are literal, double quotes allow {@code \"} and {@code \\}, a backslash outside quotes
 * escapes the next character), remembering where each word starts and ends in the line so the
 * code after the flags can be taken verbatim. An unterminated quote runs to the end of the line.
 */
public final class ShellWords {
  private ShellWords() {}

  /** One word: its unquoted text and its {@code [start, end)} span in the line. */
  public record Word(String text, int start, int end) {}

  public static List<Word> split(String line) {
    List<Word> words = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (true) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return words;
      }
      int start = i;
      StringBuilder text = new StringBuilder();
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        char c = line.charAt(i);
        if (c == '\'') {
          int close = line.indexOf('\'', i + 1);
          int end = close < 0 ? n : close;
          text.append(line, i + 1, end);
          i = close < 0 ? n : close + 1;
        } else if (c == '"') {
          i = doubleQuoted(line, i + 1, text);
        } else if (c == '\\' && i + 1 < n) {
          text.append(line.charAt(i + 1));
          i += 2;
        } else {
          text.append(c);
          i++;
        }
      }
      words.add(new Word(text.toString(), start, i));
    }
  }

  private static int doubleQuoted(String line, int from, StringBuilder text) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        text.append(line.charAt(i + 1));
        i += 2;
      } else {
        text.append(c);
        i++;
      }
    }
    return i;
  }
}
