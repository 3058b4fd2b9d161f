package io.jparallel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session core against a real 2-engine cluster. */
@Timeout(180)
class SessionTest {
  static Session session;

  @BeforeAll
  static void open() {
    session = Session.open(SessionOptions.local(2));
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  private static CellResult run(String cell, RecordingOutput out) {
    return session.execute(cell, out);
  }

  @Test
  void lambdaReadsReplVariableAsItWasAtSubmit() {
    RecordingOutput out = new RecordingOutput();
    assertThat(run("int k = 3;", out).ok()).isTrue();
    CellResult r = run("lv.map(x -> x * k, List.of(1, 2))", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(r.value().text()).isEqualTo("[3, 6]");
    run("var pending = lv.mapAsync(x -> { Thread.sleep(300); return x * k; }, List.of(1, 2));", out);
    run("k = 100;", out);
    assertThat(run("pending.get()", out).value().text()).isEqualTo("[3, 6]");
  }

  @Test
  void replClassesAndMethodsRunOnEngines() {
    RecordingOutput out = new RecordingOutput();
    run("record P(int x) implements java.io.Serializable { int twice() { return 2 * x; } }", out);
    run("int sq(int v) { return v * v; }", out);
    CellResult r = run("lv.map((P p) -> sq(p.twice()), List.of(new P(1), new P(2)))", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(r.value().text()).isEqualTo("[4, 16]");
    run("int sq(int v) { return v * v * v; }", out);
    assertThat(run("lv.map((P p) -> sq(p.twice()), List.of(new P(1)))", out).value().text()).isEqualTo("[8]");
  }

  @Test
  void replClassesThatOnlyArgumentsUseTravelWithThem() {
    RecordingOutput out = new RecordingOutput();
    run("record Q(int x) implements java.io.Serializable { public String toString() { return \"Q\" + x; } }", out);
    run("List<Object> qs = List.of(new Q(1), new Q(2));", out);
    CellResult r = run("lv.map(o -> String.valueOf(o), qs)", out); // the lambda itself never names Q
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(r.value().text()).isEqualTo("[Q1, Q2]");
    CellResult back = run("lv.apply(o -> o, qs.get(1))", out);
    assertThat(back.ok()).as(String.valueOf(back.error())).isTrue();
    assertThat(back.value().text()).isEqualTo("Q2");
  }

  @Test
  void pxShowsOutputAndResultsWithIpythonLabels() {
    RecordingOutput out = new RecordingOutput();
    CellResult r = run("%px System.out.println(\"hi\")", out);
    assertThat(r.ok()).isTrue();
    assertThat(out.displayed()).contains("[stdout:0] hi").contains("[stdout:1] hi");
    out = new RecordingOutput();
    run("%%px\nint a = 40;\na + 2\n", out);
    assertThat(out.displayed()).containsPattern("Out\\[0:\\d+\\]: 42").containsPattern("Out\\[1:\\d+\\]: 42");
    assertThat(out.displays.get(0).data()).containsKey("text/html");
  }

  @Test
  void failingPxIsAnErrorNamingTheRemoteException() {
    CellResult r = run("%px --targets 1 int z = 1 / 0;", new RecordingOutput());
    assertThat(r.ok()).isFalse();
    assertThat(r.error().traceback()).as(r.error().toString()).isNotEmpty();
    assertThat(r.error().ename()).isEqualTo("java.lang.ArithmeticException");
    assertThat(r.error().evalue()).isEqualTo("/ by zero");
    assertThat(r.error().traceback().get(0)).startsWith("[1:execute] java.lang.ArithmeticException");
  }

  @Test
  void autopxRunsEveryInputOnEngines() {
    RecordingOutput out = new RecordingOutput();
    run("%autopx", out);
    assertThat(session.autopx()).isTrue();
    run("System.out.println(\"remote\");", out);
    run("%autopx", out);
    assertThat(session.autopx()).isFalse();
    assertThat(out.displayed()).contains("[stdout:0] remote");
    assertThat(out.out.toString()).contains("%autopx enabled").contains("%autopx disabled");
  }

  @Test
  void timeitCompilesOnceAndReportsNanoseconds() {
    RecordingOutput out = new RecordingOutput();
    CellResult r = run("%timeit -r 3 Math.sqrt(2)", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(out.out.toString()).containsPattern("^[\\d.]+ ns ± [\\d.]+ [nµ]s per loop \\(mean ± std\\. dev\\. of 3 runs, [\\d,]+ loops each\\)");
    out = new RecordingOutput();
    run("%%timeit int[] a = new int[100];\njava.util.Arrays.fill(a, 7);\n", out);
    assertThat(out.out.toString()).contains("per loop");
    out = new RecordingOutput();
    CellResult remote = run("%timeit -n 5 -r 1 lv.apply(() -> \"\")", out);
    assertThat(remote.ok()).as(String.valueOf(remote.error())).isTrue();
    assertThat(out.out.toString()).contains("per loop (mean ± std. dev. of 1 run, 5 loops each)");
    out = new RecordingOutput();
    run("%time Thread.sleep(50)", out);
    assertThat(out.out.toString()).contains("CPU times: user").contains("Wall time:");
  }

  @Test
  void pxTimeitTimesOnTheEngines() {
    RecordingOutput out = new RecordingOutput();
    CellResult r = run("%px %timeit -n 1000 -r 2 Math.sqrt(2)", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    assertThat(out.displayed()).containsPattern("\\[stdout:0\\] [\\d.]+ [nµm]?s ± .* per loop \\(mean ± std\\. dev\\. of 2 runs, 1,000 loops each\\)")
        .contains("[stdout:1]");
  }

  @Test
  void dashboardMagicGivesTheLinkAndASnapshotOfTheEngines() throws Exception {
    RecordingOutput out = new RecordingOutput();
    CellResult pids = run("dv.apply(() -> ProcessHandle.current().pid())", out);
    assertThat(pids.ok()).isTrue();
    CellResult r = run("%dashboard", out);
    assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
    String url = r.value().text().replaceFirst("^dashboard: ", "");
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{48}");
    String html = r.value().data().get("text/html");
    assertThat(html).contains("href=\"" + url + "\"").contains("data-engine=\"0\"").contains("data-engine=\"1\"");
    for (String pid : pids.value().text().replaceAll("[^0-9,]", "").split(",")) {
      assertThat(html).contains("<td>" + pid + "</td>");
    }
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>jparallel dashboard</title>");
    var refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.replaceFirst("\\?token=.*", "")))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(run("%dashboard", out).value().text()).isEqualTo(r.value().text()); // one dashboard per cluster
  }

  @Test
  void errorsAreOneClearLine() {
    RecordingOutput out = new RecordingOutput();
    CellResult compile = run("int x = ;", out);
    assertThat(compile.error().ename()).isEqualTo("CompileError");
    CellResult unknown = run("%nosuchmagic", out);
    assertThat(unknown.error().ename()).isEqualTo("UsageError");
    assertThat(unknown.error().evalue()).contains("%nosuchmagic").contains("%lsmagic");
    CellResult badFlag = run("%timeit -x 1", out);
    assertThat(badFlag.error().ename()).isEqualTo("UsageError");
    CellResult ex = run("Integer.parseInt(\"x\")", out);
    assertThat(ex.error().ename()).isEqualTo("java.lang.NumberFormatException");
    assertThat(ex.error().traceback()).noneMatch(l -> l.contains("io.jparallel"));
  }

  @Test
  void analysisAnswersCompletenessAndCompletion() {
    assertThat(session.isComplete("int x = ;").kind()).isEqualTo(Completeness.Kind.INVALID);
    assertThat(session.isComplete("for (int i = 0; i < 2; i++) {").kind()).isEqualTo(Completeness.Kind.INCOMPLETE);
    assertThat(session.isComplete("int y = 2;").kind()).isEqualTo(Completeness.Kind.COMPLETE);
    assertThat(session.complete("Math.sq", 7).candidates()).contains("sqrt(");
    assertThat(session.complete("%tim", 4).candidates()).contains("time", "timeit");
    assertThat(session.complete("%timeit -", 9).candidates()).contains("-n", "-r");
  }

  @Test
  void interruptStopsALocalLoop() throws Exception {
    CompletableFuture<CellResult> f = CompletableFuture.supplyAsync(() -> run("while (true) {}", new RecordingOutput()));
    Thread.sleep(500);
    session.interrupt();
    CellResult r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(CellResult.Status.ABORTED);
    assertThat(run("1 + 1", new RecordingOutput()).value().text()).isEqualTo("2");
  }

  @Test
  void interruptAbortsARemoteWait() throws Exception {
    CompletableFuture<CellResult> f =
        CompletableFuture.supplyAsync(() -> run("%px Thread.sleep(60000);", new RecordingOutput()));
    Thread.sleep(1000);
    session.interrupt();
    CellResult r = f.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(CellResult.Status.ABORTED);
    assertThat(run("%px 1 + 1", new RecordingOutput()).ok()).isTrue();
  }

  @Test
  void pulledValuesShowAsATableByEngine() {
    RecordingOutput out = new RecordingOutput();
    run("dv.push(Map.of(\"w\", 7));", out);
    CellResult r = run("dv.pull(\"w\")", out);
    assertThat(r.value().text()).isEqualTo("[7, 7]");
    assertThat(r.value().data().get("text/html")).contains("<th>engine</th>").contains("<td>1</td>");
  }

  @Test
  void displayFromUserCode() {
    RecordingOutput out = new RecordingOutput();
    run("display(\"<b>hi</b>\", \"text/html\")", out);
    assertThat(out.displays).anyMatch(d -> "<b>hi</b>".equals(d.data().get("text/html")));
  }

  /** Issue 10: what a new user trips over, on the same 2-engine cluster. */
  @Nested
  class DailyUse {
    private CellResult ok(String cell, RecordingOutput out) {
      CellResult r = run(cell, out);
      assertThat(r.ok()).as(cell + ": " + r.error()).isTrue();
      return r;
    }

    /** 10.1: JShell puts a variable declared again in a new generation of its wrapper ($JShell$21B). */
    @Test
    void aDeclarationRunsAgainAfterItsMapFailed() {
      RecordingOutput out = new RecordingOutput();
      ok("Object lock = new Object();", out);
      CellResult failed = run("List<Integer> qq = lv.map(x -> lock.hashCode(), List.of(1));", out);
      assertThat(failed.error().evalue()).contains("REPL variable 'lock'");
      ok("List<Integer> qq = lv.map(x -> x + 1, List.of(1));", out);
      assertThat(ok("qq = lv.map(x -> x + 2, List.of(1))", out).value().text()).isEqualTo("[3]");
    }

    /** 10.2: the CPU of a short run is user time, not "user 0 ns" and all of it sys. */
    @Test
    void timeCountsAShortRunAsUserTime() {
      RecordingOutput out = new RecordingOutput();
      ok("long spin(int n) { long s = 0; for (int i = 0; i < n; i++) s += i % 7; return s; }", out);
      ok("%time spin(2_000_000)", out);
      assertThat(out.out.toString()).startsWith("CPU times: user ").doesNotContain("user 0 ns").contains("Wall time:");
    }

    /** 10.3: a %px compile error reads once for every engine; the engines that did not fail still show. */
    @Test
    void pxErrorsAreGroupedAndTheOtherEnginesStillShow() {
      RecordingOutput out = new RecordingOutput();
      CellResult compile = run("%px int y = undefinedThing;", out);
      assertThat(compile.error().traceback()).filteredOn(l -> l.contains("symbol:")).hasSize(1);
      assertThat(compile.error().traceback().get(0)).isEqualTo("[0, 1:execute] CompileError: cannot find symbol");
      ok("dv.scatter(\"part\", List.of(0, 1));", out);
      out = new RecordingOutput();
      CellResult oneFails = run("%px 10 / part.get(0)", out);
      assertThat(oneFails.error().ename()).isEqualTo("java.lang.ArithmeticException");
      assertThat(out.displayed()).containsPattern("Out\\[1:\\d+\\]: 10");
      assertThat(oneFails.error().traceback()).first().asString().startsWith("[0:execute] java.lang.ArithmeticException");
      CellResult push = run("dv.push(Map.of(\"bad\", new Object()))", out);
      assertThat(push.error().traceback()).noneMatch(l -> l.contains("java.util.")).noneMatch(l -> l.contains("forEach"));
      out = new RecordingOutput();
      ok("%pxresult --targets 1", out);
      assertThat(out.displayed()).containsPattern("Out\\[1:\\d+\\]: 10").doesNotContain("[0:");
    }

    /** 10.5: Ref.of(name) is each engine's own variable, in direct and load-balanced tasks. */
    @Test
    void refsResolveOnEachEngine() {
      RecordingOutput out = new RecordingOutput();
      ok("dv.scatter(\"chunk\", List.of(1, 2, 3, 4, 5));", out);
      assertThat(ok("dv.apply(r -> ((List<?>) r.get()).size(), Ref.of(\"chunk\"))", out).value().text()).isEqualTo("[3, 2]");
      assertThat(ok("lv.map(r -> ((List<?>) r.get()).size() > 0, List.of(Ref.of(\"chunk\")))", out).value().text())
          .isEqualTo("[true]");
      CellResult missing = run("dv.apply(r -> r.get(), Ref.of(\"noSuchVariable\"))", out);
      assertThat(missing.error().evalue()).contains("name 'noSuchVariable' is not defined on engine");
    }

    /** 10.6: chunkSize(n) sends n items a task; without it a big map goes out in far fewer tasks than items. */
    @Test
    void mapsGoOutInChunks() {
      RecordingOutput out = new RecordingOutput();
      ok("List<Integer> tenThousand = new ArrayList<>(); for (int i = 0; i < 10_000; i++) tenThousand.add(i);", out);
      ok("var chunked = lv.chunkSize(3).mapAsync(x -> x * 2, List.of(1, 2, 3, 4, 5, 6, 7));", out);
      assertThat(ok("chunked.get() + \" in \" + chunked.size()", out).value().text()).isEqualTo("\"[2, 4, 6, 8, 10, 12, 14] in 3\"");
      ok("var auto = lv.mapAsync(x -> x + 1, tenThousand);", out);
      assertThat(ok("auto.get().equals(tenThousand.stream().map(x -> x + 1).toList())", out).value().text()).isEqualTo("true");
      assertThat(Integer.parseInt(ok("auto.size()", out).value().text())).isBetween(8, 1000);
      assertThat(ok("lv.chunkSize(4).ordered(false).map((a, b) -> a * b, List.of(1, 2, 3), List.of(4, 5, 6))", out)
          .value().text()).isEqualTo("[4, 10, 18]");
    }

    /** 10.7: %px %who lists each engine's variables; %result is %pxresult. */
    @Test
    void whoOnEngines() {
      RecordingOutput out = new RecordingOutput();
      ok("dv.push(Map.of(\"engineSide\", 5));", out);
      ok("%px %who Integer", out);
      assertThat(out.out.toString()).containsPattern("\\[stdout:0\\] .*engineSide").containsPattern("\\[stdout:1\\] .*engineSide")
          .doesNotContain("chunk"); // a List, not an Integer
      out = new RecordingOutput();
      ok("%px %whos", out);
      assertThat(out.out.toString()).containsPattern("engineSide +Integer +5");
      ok("%px 6 * 7", out);
      out = new RecordingOutput();
      ok("%result", out);
      assertThat(out.displayed()).containsPattern("Out\\[0:\\d+\\]: 42");
    }

    /** 10.8: a record typed here travels without implements Serializable; a class is told, by its own name. */
    @Test
    void replRecordsTravelAndClassesAreNamedAsTyped() {
      RecordingOutput out = new RecordingOutput();
      ok("record Sample(int a) {}", out);
      assertThat(ok("lv.apply(s -> s.a() * 2, new Sample(21))", out).value().text()).isEqualTo("42");
      ok("class Plain { int v = 1; }", out);
      CellResult r = run("lv.apply(p -> 1, new Plain())", out);
      assertThat(r.error().evalue()).contains("of type Plain cannot be sent").contains("implements java.io.Serializable")
          .doesNotContain("$JShell$");
    }

    /** 10.9: dv.execute shows nothing on success, and outputs by engine; rc, dv and lv say what they are. */
    @Test
    void executeShowsOutputsByEngine() {
      RecordingOutput out = new RecordingOutput();
      assertThat(ok("dv.execute(\"int quiet = 1;\")", out).value()).isNull();
      assertThat(out.out.toString()).isEmpty();
      ok("dv.execute(\"System.out.println(quiet + 1)\")", out);
      assertThat(out.out.toString()).isEqualTo("[stdout:0] 2\n[stdout:1] 2\n");
      assertThat(ok("lv", out).value().text()).isEqualTo("LoadBalancedView[engines [0, 1]]");
      ok("%cluster status", out);
      assertThat(out.out.toString()).contains(": 2 engines\n");
    }
  }
}
