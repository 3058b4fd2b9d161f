package io.jparallel.kernel;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel's cells, for {@code history_request}: tail,
 * range and glob search as IPython answers them. Kept in memory for the kernel's lifetime,
 * bounded to the last {@value #MAX_ENTRIES} cells.
 */
public final class SessionHistory implements HistoryManager {
  /** The session number this kernel reports (IPython numbers sessions from 1). */
  public static final int SESSION = 1;
  static final int MAX_ENTRIES = 10_000;

  private final List<HistoryEntry> entries = new ArrayList<>();

  public synchronized void add(int executionCount, String input, String output) {
    entries.add(new HistoryEntry(SESSION, executionCount, input, output));
    if (entries.size() > MAX_ENTRIES) {
      entries.subList(0, entries.size() - MAX_ENTRIES).clear();
    }
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    List<HistoryEntry> all = flags.contains(ResultFlag.UNIQUE) ? unique(entries) : entries;
    return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, length)), all.size()));
  }

  /** Cells {@code start <= n < stop} of {@code session} (0 or negative: this session). */
  @Override
  public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
    if (session > 0 && session != SESSION) {
      return List.of();
    }
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
        out.add(e);
      }
    }
    return flags.contains(ResultFlag.UNIQUE) ? unique(out) : out;
  }

  /** Inputs matching the glob {@code pattern} (whole input; {@code *}, {@code ?}, {@code [..]}), the last {@code n} (n <= 0: all). */
  @Override
  public synchronized List<HistoryEntry> search(String pattern, int n, Set<ResultFlag> flags) {
    Pattern p = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
    List<HistoryEntry> hits = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (p.matcher(e.getInput()).matches()) {
        hits.add(e);
      }
    }
    if (flags.contains(ResultFlag.UNIQUE)) {
      hits = unique(hits);
    }
    return n > 0 && hits.size() > n ? List.copyOf(hits.subList(hits.size() - n, hits.size())) : hits;
  }

  /** Each input once, at its last occurrence, in order. */
  private static List<HistoryEntry> unique(List<HistoryEntry> in) {
    Set<String> seen = new LinkedHashSet<>();
    List<HistoryEntry> out = new ArrayList<>();
    for (int i = in.size() - 1; i >= 0; i--) {
      if (seen.add(in.get(i).getInput())) {
        out.add(0, in.get(i));
      }
    }
    return out;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = glob.substring(i + 1, end);
            re.append('[').append(set.startsWith("^") ? "\\^" + set.substring(1) : set.replace("\\", "\\\\")).append(']');
            i = end;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
