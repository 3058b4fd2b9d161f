// Issue 13's "also report" figures, run by compare-ipyparallel.sh as: ./jpar run bench/firsts.jsh -n 4
// the first task on fresh engines (this script's first lines run right after they registered),
// then `%px a=1` on every engine (dv.execute, as %px does), median of 21, and again after the
// engines sat idle 30 s (a user reading; they warm javac up once they have compiled code).
// Each timing is one block, which JShell compiles before it runs: the clock starts after this
// JVM's javac has compiled the line, as IPython's starts after Python compiled its (microseconds);
// first_task_line_ms adds that compile (what a user typing the line at the REPL waits for).
long line0 = System.nanoTime();
{
  long t0 = System.nanoTime();
  int one = rc.direct(0).apply(() -> 1);
  long t1 = System.nanoTime();
  System.out.println("first_task_ms " + (t1 - t0) / 1e6);
  System.out.println("first_task_line_ms " + (t1 - line0) / 1e6);
}
dv.execute("int a = 0;");
{
  double[] px = new double[21];
  for (int i = 0; i < px.length; i++) { long t = System.nanoTime(); dv.execute("a = 1;"); px[i] = (System.nanoTime() - t) / 1e6; }
  java.util.Arrays.sort(px);
  System.out.println("px_a1_ms " + px[px.length / 2]);
  Thread.sleep(30_000);
  for (int i = 0; i < px.length; i++) { long t = System.nanoTime(); dv.execute("a = 1;"); px[i] = (System.nanoTime() - t) / 1e6; }
  java.util.Arrays.sort(px);
  System.out.println("px_a1_after_idle_ms " + px[px.length / 2]);
}
