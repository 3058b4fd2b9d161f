package io.jparallel.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.session.Session;
import io.jparallel.session.SessionOptions;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tab candidates from the session, rebased onto the word JLine replaces. */
class SessionCompleterTest {
  private static Session session;
  private static CellParser parser;
  private static SessionCompleter completer;

  @BeforeAll
  static void open() {
    session = Session.open(SessionOptions.noCluster());
    parser = new CellParser(session::isComplete);
    completer = new SessionCompleter(session);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static List<Candidate> complete(String input) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(input, input.length(), ParseContext.COMPLETE), candidates);
    return candidates;
  }

  private static List<String> values(String input) {
    return complete(input).stream().map(Candidate::value).toList();
  }

  @Test
  void aStaticMethodCompletesWithinItsWord() {
    assertThat(values("Math.sq")).containsExactly("Math.sqrt(");
    Candidate c = complete("Math.sq").get(0);
    assertThat(c.displ()).isEqualTo("sqrt(");
    assertThat(c.complete()).isFalse();
  }

  @Test
  void theWordMayStartBeforeTheSessionsAnchor() {
    assertThat(values("System.out.println(Math.sq")).containsExactly("System.out.println(Math.sqrt(");
    assertThat(values("double r = Math.sq")).containsExactly("Math.sqrt(");
  }

  @Test
  void severalCandidatesAllKeepThePrefix() {
    List<String> v = values("Math.ma");
    assertThat(v).contains("Math.max(").allSatisfy(s -> assertThat(s).startsWith("Math.ma"));
  }

  @Test
  void magicNamesComplete() {
    assertThat(values("%lsm")).contains("%lsmagic");
  }

  @Test
  void definedVariablesComplete() {
    session.execute("int counterForCompletion = 3;", new StreamOutput(System.out, System.err));
    assertThat(values("counterFor")).containsExactly("counterForCompletion");
  }
}
