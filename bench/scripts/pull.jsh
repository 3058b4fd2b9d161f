// Issue 13: a 5M-double pull against the same array returned by apply, and gather after a
// scatter of 10M doubles; median of 7 after 3 warm-ups. Run: ./jpar run bench/scripts/pull.jsh -n 2
import io.jparallel.fn.SerializableCallable;
EngineView one = rc.direct(0);
one.execute("double[] chunk = new double[5_000_000]; java.util.Arrays.fill(chunk, 1.5);");
SerializableCallable<double[]> make = () -> { double[] a = new double[5_000_000]; java.util.Arrays.fill(a, 1.5); return a; };
double median(java.util.function.Supplier<Object> f) {
  for (int i = 0; i < 3; i++) f.get();
  double[] ms = new double[7];
  for (int i = 0; i < ms.length; i++) { long t = System.nanoTime(); f.get(); ms[i] = (System.nanoTime() - t) / 1e6; }
  java.util.Arrays.sort(ms);
  return ms[ms.length / 2];
}
double pullMs = median(() -> (double[]) one.pull("chunk"));
double applyMs = median(() -> one.apply(make));
double[] big = new double[10_000_000];
java.util.Arrays.fill(big, 2.5);
double scatterMs = median(() -> { dv.scatter("part", big); return null; });
double gatherMs = median(() -> dv.gather("part"));
double[] back = dv.gather("part");
System.out.printf(java.util.Locale.ROOT, "{\"pull_5M_ms\": %.1f, \"apply_5M_ms\": %.1f, \"pull_over_apply\": %.2f, "
    + "\"scatter_10M_ms\": %.1f, \"gather_10M_ms\": %.1f, \"gathered_ok\": %b}%n",
    pullMs, applyMs, pullMs / applyMs, scatterMs, gatherMs, java.util.Arrays.equals(back, big));
