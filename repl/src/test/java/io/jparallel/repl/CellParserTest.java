package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.session.Session;
import io.jparallel.session.SessionOptions;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enter runs complete input and asks for more lines otherwise, as the session judges it. */
class CellParserTest {
  private static Session session;
  private static CellParser parser;

  @BeforeAll
  static void open() {
    session = Session.open(SessionOptions.noCluster());
    parser = new CellParser(session::isComplete);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static ParsedLine accept(String input) {
    return parser.parse(input, input.length(), ParseContext.ACCEPT_LINE);
  }

  @Test
  void completeStatementsAreAccepted() {
    assertThat(accept("int x = 1;").line()).isEqualTo("int x = 1;");
    assertThat(accept("for (int i = 0; i < 2; i++) {\n  System.out.println(i);\n}").line()).contains("println");
  }

  @Test
  void anOpenBlockAsksForAnotherLine() {
    assertThatThrownBy(() -> accept("for (int i = 0; i < 2; i++) {")).isInstanceOf(EOFError.class);
    assertThatThrownBy(() -> accept("void f() {\n  int a = 1;")).isInstanceOf(EOFError.class);
  }

  @Test
  void invalidInputIsAcceptedSoItsErrorShows() {
    assertThat(accept("int x = ;").line()).isEqualTo("int x = ;");
  }

  @Test
  void lineMagicsAreComplete() {
    assertThat(accept("%lsmagic").line()).isEqualTo("%lsmagic");
    assertThat(accept("%timeit -n 10 Math.sqrt(2)").line()).startsWith("%timeit");
  }

  @Test
  void aCellMagicRunsAfterABlankLine() {
    assertThatThrownBy(() -> accept("%%time")).isInstanceOf(EOFError.class);
    assertThatThrownBy(() -> accept("%%time\nint a = 1;")).isInstanceOf(EOFError.class);
    assertThat(accept("%%time\nint a = 1;\n").line()).startsWith("%%time");
  }

  @Test
  void blankInputIsAccepted() {
    assertThat(accept("").line()).isEmpty();
  }

  @Test
  void completionSeesTheWordAtTheCursor() {
    ParsedLine line = parser.parse("double r = Math.sq", 18, ParseContext.COMPLETE);
    assertThat(line.word()).isEqualTo("Math.sq");
    assertThat(line.wordCursor()).isEqualTo(7);
    assertThat(line.words()).containsExactly("double", "r", "=", "Math.sq");
    assertThat(line.wordIndex()).isEqualTo(3);
  }
}
