package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A script is cut into the cells a user would have typed. */
class ScriptCellsTest {
  private static Session session;

  @BeforeAll
  static void open() {
    session = Session.open(SessionOptions.noCluster());
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void snippetsMagicsAndBlocksBecomeCellsWithTheirLineNumbers() {
    String script = """
        int a = 1;

        for (int i = 0; i < 2; i++) {
          a += i;
        }
        %lsmagic
        %%time
        int b = a;
        int c = b;

        System.out.println(a);
        """;
    assertThat(ScriptCells.split(script, session::isComplete)).containsExactly(
        new ScriptCell(1, "int a = 1;"),
        new ScriptCell(3, "for (int i = 0; i < 2; i++) {\n  a += i;\n}"),
        new ScriptCell(6, "%lsmagic"),
        new ScriptCell(7, "%%time\nint b = a;\nint c = b;\n"),
        new ScriptCell(11, "System.out.println(a);"));
  }

  @Test
  void exitEndsTheScript() {
    assertThat(ScriptCells.split("int a = 1;\n/exit\nint b = 2;\n", session::isComplete))
        .containsExactly(new ScriptCell(1, "int a = 1;"));
  }

  @Test
  void anUnfinishedBlockAtTheEndIsStillACell() {
    assertThat(ScriptCells.split("int a = 1;\nvoid f() {\n", session::isComplete))
        .containsExactly(new ScriptCell(1, "int a = 1;"), new ScriptCell(2, "void f() {\n"));
  }

  @Test
  void invalidCodeIsACellOfItsOwn() {
    assertThat(ScriptCells.split("int x = ;\nint y = 2;", session::isComplete))
        .containsExactly(new ScriptCell(1, "int x = ;"), new ScriptCell(2, "int y = 2;"));
  }
}
