package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10.4, 10.7, 10.8: JShell's own commands, %who/%whos and REPL records in a session without a cluster. */
class JShellCommandsTest {
  private static Session session;

  @TempDir
  Path dir;

  @BeforeAll
  static void open() {
    session = Session.open(SessionOptions.noCluster());
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static RecordingOutput run(String... cells) {
    RecordingOutput out = new RecordingOutput();
    for (String cell : cells) {
      CellResult r = session.execute(cell, out);
      assertThat(r.ok()).as(cell + ": " + r.error()).isTrue();
    }
    return out;
  }

  @Test
  void commandsListWhatWasDeclaredAsJshellDoes() {
    run("int k = 3;", "String greet(String who) { return \"hi \" + who; }", "record Point(int x, int y) {}",
        "interface Shape {}", "import java.util.concurrent.atomic.*;");
    assertThat(run("/vars").out.toString()).contains("|    int k = 3\n");
    assertThat(run("/methods").out.toString()).contains("|    String greet(String)\n");
    assertThat(run("/types").out.toString()).contains("|    record Point\n").contains("|    interface Shape\n");
    assertThat(run("/imports").out.toString()).contains("|    import java.util.concurrent.atomic.*\n")
        .contains("|    import io.jparallel.client.*\n");
    String list = run("/list").out.toString();
    assertThat(list).containsPattern("(?m)^ +\\d+ : int k = 3;$").doesNotContain("import io.jparallel.client");
    assertThat(run("/list -start").out.toString()).contains("import io.jparallel.client.*;");
    assertThat(run("/v").out.toString()).as("a unique prefix is the command").contains("int k = 3");
    assertThat(run("/help").out.toString()).contains("/vars").contains("/reset").contains("/save");
  }

  @Test
  void dropSaveOpenAndHistory() throws Exception {
    run("int dropMe = 1;", "int keepMe = 2;");
    assertThat(run("/drop dropMe").out.toString()).isEqualTo("|  dropped variable dropMe\n");
    assertThat(run("/vars").out.toString()).doesNotContain("dropMe").contains("keepMe");
    Path saved = dir.resolve("saved.jsh");
    run("/save " + saved);
    assertThat(Files.readString(saved)).contains("int keepMe = 2;").doesNotContain("int dropMe")
        .doesNotContain("import io.jparallel");
    Path script = Files.writeString(dir.resolve("script.jsh"), "int opened = 40;\n%lsmagic\nopened + 2\n");
    RecordingOutput out = new RecordingOutput();
    CellResult r = session.execute("/open " + script, out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(r.value().text()).isEqualTo("42");
    assertThat(out.out.toString()).contains("Available line magics");
    assertThat(run("/history").out.toString()).contains("int keepMe = 2;\n").contains("/open " + script);
    CellResult missing = session.execute("/open " + dir.resolve("nope.jsh"), new RecordingOutput());
    assertThat(missing.error().ename()).isEqualTo("UsageError");
    assertThat(missing.error().evalue()).contains("nope.jsh");
  }

  @Test
  void unknownCommandsAreOneLineAndCommandsAreCompleteInput() {
    CellResult r = session.execute("/frobnicate", new RecordingOutput());
    assertThat(r.error().headline()).isEqualTo("UsageError: No such command or snippet id: /frobnicate (type /help for help)");
    assertThat(session.isComplete("/vars").kind()).isEqualTo(Completeness.Kind.COMPLETE);
    assertThat(session.complete("/hi", 3).candidates()).containsExactly("/history");
    assertThat(Session.isExit("/exit")).isTrue();
    assertThat(Session.isExit("exit")).isTrue();
    assertThat(Session.isExit("quit()")).isTrue();
    assertThat(Session.isExit("exitCode")).isFalse();
  }

  /** Older expression values leave JShell (core's Temporaries) but /vars lists them, a cell names them, /drop lets go. */
  @Test
  void olderExpressionValuesAreListedUsableAndDroppable() {
    run("\"parked\" + 1");
    String first = lastTemporary();
    run("40");
    String second = lastTemporary();
    for (int i = 0; i < 6; i++) {
      run(String.valueOf(i));
    }
    String vars = run("/vars").out.toString();
    assertThat(vars).contains("|    String " + first + " = \"parked1\"\n").contains("|    int " + second + " = 40\n");
    RecordingOutput out = new RecordingOutput();
    CellResult r = session.execute(second + " + 2", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(r.value().text()).isEqualTo("42");
    assertThat(run("/drop " + first).out.toString()).isEqualTo("|  dropped variable " + first + "\n");
    assertThat(run("/vars").out.toString()).doesNotContain(first + " =");
    CellResult gone = session.execute(first + ".length()", new RecordingOutput());
    assertThat(gone.ok()).isFalse();
  }

  /** The newest {@code $N} that /vars lists. */
  private static String lastTemporary() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\$\\d+) = ").matcher(run("/vars").out.toString());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  @Test
  void whoAndWhosListTheSessionsVariables() {
    run("short count = 7;", "String label = \"sweep\";", "1 + 1");
    String who = run("%who").out.toString();
    assertThat(who).contains("count").contains("label").doesNotContain("$");
    assertThat(run("%who short").out.toString().strip()).isEqualTo("count");
    String whos = run("%whos").out.toString();
    assertThat(whos).startsWith("Variable").containsPattern("(?m)^count +short +7$").containsPattern("(?m)^label +String +\"sweep\"$");
  }

  /** Records typed into a session are Serializable without saying so; classes are told how to be. */
  @Test
  void replRecordsAreSerializable() {
    CellResult r = session.execute("new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())"
        + ".writeObject(new Point2(1, 2))", new RecordingOutput());
    assertThat(r.ok()).isFalse(); // not declared yet
    run("record Point2(int x, int y) { }");
    CellResult written = session.execute("java.io.Serializable s = new Point2(1, 2);", new RecordingOutput());
    assertThat(written.ok()).as(String.valueOf(written.error())).isTrue();
    assertThat(SerializableRecords.addSerializable("record P(int a) implements Comparable<P> { public int compareTo(P o) { return 0; } }"))
        .startsWith("record P(int a) implements Comparable<P>, java.io.Serializable {");
    assertThat(SerializableRecords.addSerializable("record Q(@Deprecated int a) implements java.io.Serializable {}"))
        .isEqualTo("record Q(@Deprecated int a) implements java.io.Serializable {}");
    assertThat(SerializableRecords.addSerializable("/* { */ record R(String s /* ) { */) {}"))
        .isEqualTo("/* { */ record R(String s /* ) { */) implements java.io.Serializable {}");
  }

  @Test
  void errorsShowTheirMessageOnce() {
    CellResult r = session.execute("undefinedThing", new RecordingOutput());
    assertThat(r.error().lines()).first().isEqualTo("CompileError: cannot find symbol");
    assertThat(r.error().lines()).filteredOn(l -> l.contains("cannot find symbol")).hasSize(1);
    CellResult noCluster = session.execute("%px 1", new RecordingOutput());
    assertThat(noCluster.error().lines()).hasSize(1);
    CellResult timeit = session.execute("%timeit", new RecordingOutput());
    assertThat(timeit.error().headline()).startsWith("UsageError: %timeit needs a statement");
  }
}
