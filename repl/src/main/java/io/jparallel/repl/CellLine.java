package io.jparallel.repl;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;

/**
 * The whole input buffer as JLine sees it for completion: words are runs of non-blank
 * characters, the current word is the one around the cursor. Candidates are inserted as
 * they are (Java needs no shell escaping).
 */
record CellLine(String line, int cursor, int wordStart, int wordEnd) implements CompletingParsedLine {

  static CellLine at(String line, int cursor) {
    int start = cursor;
    while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
      start--;
    }
    int end = cursor;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    return new CellLine(line, cursor, start, end);
  }

  @Override
  public String word() {
    return line.substring(wordStart, wordEnd);
  }

  @Override
  public int wordCursor() {
    return cursor - wordStart;
  }

  @Override
  public int wordIndex() {
    return wordsBefore(wordStart);
  }

  @Override
  public List<String> words() {
    List<String> words = new ArrayList<>();
    for (String w : line.substring(0, wordStart).trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    words.add(word());
    for (String w : line.substring(wordEnd).trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  private int wordsBefore(int index) {
    String before = line.substring(0, index).trim();
    return before.isEmpty() ? 0 : before.split("\\s+").length;
  }

  @Override
  public CharSequence escape(CharSequence candidate, boolean complete) {
    return candidate;
  }

  @Override
  public int rawWordCursor() {
    return wordCursor();
  }

  @Override
  public int rawWordLength() {
    return wordEnd - wordStart;
  }
}
