// Scatter a large double[] to the engines, compute in place there, gather it back.
// Run: ./jpar run examples/scatter-gather.jsh
int n = 4_000_000;
double[] data = new double[n];
for (int i = 0; i < n; i++) data[i] = i * 0.001;

dv.scatter("xs", data);                       // contiguous blocks, one per engine, raw frames
dv.execute("for (int i = 0; i < xs.length; i++) xs[i] = Math.sqrt(xs[i]) + 1.0;");
double[] back = dv.gather("xs");              // concatenated in engine order

for (int i = 0; i < n; i++) {
  double want = Math.sqrt(data[i]) + 1.0;
  if (Double.doubleToRawLongBits(back[i]) != Double.doubleToRawLongBits(want))
    throw new AssertionError("element " + i + ": " + back[i] + " != " + want);
}
List<Integer> lengths = dv.apply(() -> 0);   // one result per engine
System.out.printf("%,d doubles scattered to %d engines, transformed and gathered back bit for bit%n", back.length, lengths.size());
