package io.jparallel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {
  private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);
  private static final Set<ResultFlag> UNIQUE = EnumSet.of(ResultFlag.UNIQUE);

  private final SessionHistory h = new SessionHistory();

  {
    h.add(1, "1 + 1", "2");
    h.add(2, "int x = 3;", null);
    h.add(3, "1 + 1", "2");
    h.add(4, "x * 2", "6");
  }

  private static List<String> inputs(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::getInput).toList();
  }

  @Test
  void tail() {
    assertThat(inputs(h.lookupTail(2, NONE))).containsExactly("1 + 1", "x * 2");
    assertThat(inputs(h.lookupTail(10, NONE))).hasSize(4);
    assertThat(inputs(h.lookupTail(10, UNIQUE))).containsExactly("int x = 3;", "1 + 1", "x * 2");
  }

  @Test
  void range() {
    assertThat(inputs(h.lookupRange(SessionHistory.SESSION, 2, 4, NONE))).containsExactly("int x = 3;", "1 + 1");
    assertThat(h.lookupRange(0, 4, 5, NONE).get(0).getOutput()).isEqualTo("6");
    assertThat(h.lookupRange(7, 1, 5, NONE)).isEmpty();
  }

  @Test
  void globSearch() {
    assertThat(inputs(h.search("1 + *", 0, NONE))).containsExactly("1 + 1", "1 + 1");
    assertThat(inputs(h.search("1 + *", 0, UNIQUE))).containsExactly("1 + 1");
    assertThat(inputs(h.search("*", 1, NONE))).containsExactly("x * 2");
    assertThat(inputs(h.search("?nt*", 0, NONE))).containsExactly("int x = 3;");
    assertThat(inputs(h.search("[xy] * 2", 0, NONE))).containsExactly("x * 2");
    assertThat(inputs(h.search("x.*", 0, NONE))).isEmpty(); // '.' is literal in a glob
  }
}
