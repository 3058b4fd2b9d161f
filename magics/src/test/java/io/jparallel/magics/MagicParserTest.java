package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MagicParserTest {

  @Test
  void lineMagicKeepsItsArgumentLine() {
    assertThat(MagicParser.parse("%timeit -n 100 Math.sqrt(2)"))
        .isEqualTo(MagicCall.line("timeit", "-n 100 Math.sqrt(2)"));
  }

  @Test
  void lineMagicWithoutArgumentsAndSurroundingBlankLines() {
    assertThat(MagicParser.parse("\n  %lsmagic  \n\n")).isEqualTo(MagicCall.line("lsmagic", ""));
  }

  @Test
  void cellMagicTakesTheRestOfTheCellAsBody() {
    assertThat(MagicParser.parse("\n%%px --targets 0,2\nint a = 5;\nSystem.out.println(a % 2);\n"))
        .isEqualTo(MagicCall.cell("px", "--targets 0,2", "int a = 5;\nSystem.out.println(a % 2);\n"));
  }

  @Test
  void cellMagicLineCodeIsKept() {
    MagicCall call = (MagicCall) MagicParser.parse("%%timeit -n 10 int[] xs = new int[100];\nArrays.sort(xs);");
    assertThat(call.kind()).isEqualTo(MagicKind.CELL);
    assertThat(call.argLine()).isEqualTo("-n 10 int[] xs = new int[100];");
    assertThat(call.body()).isEqualTo("Arrays.sort(xs);");
    assertThat(call.displayName()).isEqualTo("%%timeit");
  }

  @Test
  void windowsLineEndingsAreNormalised() {
    assertThat(MagicParser.parse("%%time\r\nfoo();\r\nbar();"))
        .isEqualTo(MagicCall.cell("time", "", "foo();\nbar();"));
  }

  @Test
  void helpRequestsInEveryForm() {
    for (String input : new String[] {"%timeit?", "%%timeit?", "timeit?", "?timeit", "%timeit??", "??%timeit", "  timeit?  "}) {
      assertThat(MagicParser.parse(input)).as(input).isEqualTo(new ParsedInput.HelpRequest("timeit"));
    }
  }

  @Test
  void percentInsideCodeIsCode() {
    for (String code : new String[] {"x % 2", "int r = 7 % 3;", "System.out.printf(\"%d%n\", 3);", "\"%timeit\"",
        "% 2", "%= 3", "a ? b : c", "x?.y"}) {
      assertThat(MagicParser.parse(code)).as(code).isEqualTo(new ParsedInput.Code(code));
    }
  }

  @Test
  void percentStartingAContinuationLineIsCode() {
    String code = "int r = a\n    % 2;\nint s = (b\n%c);";
    assertThat(MagicParser.parse(code)).isEqualTo(new ParsedInput.Code(code));
  }

  @Test
  void percentLinesInsideCommentsAndTextBlocksAreCode() {
    String code = "/* notes\n%timeit f()\n*/\nString s = \"\"\"\n%px hello\n\"\"\";";
    assertThat(MagicParser.parse(code)).isEqualTo(new ParsedInput.Code(code));
  }

  @Test
  void lineMagicsBetweenStatementsMakeASequence() {
    ParsedInput parsed = MagicParser.parse("int n = 10;\n%time fib(n)\nint m = 2;\n%timeit?\n");
    assertThat(parsed).isEqualTo(new ParsedInput.Sequence(java.util.List.of(
        new ParsedInput.Code("int n = 10;"),
        MagicCall.line("time", "fib(n)"),
        new ParsedInput.Code("int m = 2;"),
        new ParsedInput.HelpRequest("timeit"))));
  }

  @Test
  void lineMagicFollowedByCodeIsASequence() {
    ParsedInput parsed = MagicParser.parse("%px --targets 1 int a = 3;\nint b = 4;");
    assertThat(parsed).isEqualTo(new ParsedInput.Sequence(java.util.List.of(
        MagicCall.line("px", "--targets 1 int a = 3;"), new ParsedInput.Code("int b = 4;"))));
  }

  @Test
  void plainCodeIsReturnedUnchanged() {
    String code = "  int x = 1;\n\nx + 1\n";
    assertThat(MagicParser.parse(code)).isEqualTo(new ParsedInput.Code(code));
    assertThat(MagicParser.parse("")).isEqualTo(new ParsedInput.Code(""));
  }

  @Test
  void doublePercentWithoutNameIsNotAMagic() {
    assertThat(MagicParser.parse("%% 2")).isEqualTo(new ParsedInput.Code("%% 2"));
  }

  @Test
  void aCellMagicIsCompleteAtABlankLine() {
    assertThat(MagicParser.isCellMagic("  \n%%px --targets 0\nint a = 1;")).isTrue();
    assertThat(MagicParser.isCellMagic("%% 2")).isFalse();
    assertThat(MagicParser.isCellMagic("%px a")).isFalse();
    assertThat(MagicParser.isCellMagicComplete("%%px")).isFalse();
    assertThat(MagicParser.isCellMagicComplete("%%px\nint a = 1;")).isFalse();
    assertThat(MagicParser.isCellMagicComplete("%%px\nint a = 1;\n")).isTrue();
    assertThat(MagicParser.isCellMagicComplete("%%px\r\nint a = 1;\r\n  ")).isTrue();
  }
}
