package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  private static List<String> texts(String line) {
    return ShellWords.split(line).stream().map(ShellWords.Word::text).toList();
  }

  @Test
  void splitsOnWhitespaceAndRespectsQuotes() {
    assertThat(texts("  -n 100  'a b' \"c \\\"d\\\"\" e\\ f")).containsExactly("-n", "100", "a b", "c \"d\"", "e f");
  }

  @Test
  void remembersSpans() {
    List<ShellWords.Word> words = ShellWords.split("--targets 0,2 System.out.println(\"a b\")");
    assertThat(words).hasSize(3);
    assertThat(words.get(2).start()).isEqualTo(14);
    assertThat(words.get(2).text()).isEqualTo("System.out.println(a b)");
    assertThat(words.get(2).end()).isEqualTo(39);
  }

  @Test
  void unterminatedQuoteRunsToTheEnd() {
    assertThat(texts("say \"hello world")).containsExactly("say", "hello world");
    assertThat(texts("'x")).containsExactly("x");
  }

  @Test
  void emptyLineHasNoWords() {
    assertThat(ShellWords.split("   ")).isEmpty();
  }
}
