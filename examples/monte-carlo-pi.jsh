// Monte-Carlo estimate of pi with the load-balanced view's map.
// Run: ./jpar run examples/monte-carlo-pi.jsh        (starts and stops a local cluster)
int samplesPerTask = 2_000_000;
List<Long> seeds = new ArrayList<>();
for (long s = 1; s <= 16; s++) seeds.add(s * 7919);

// each task counts the random points that fall inside the unit quarter circle;
// samplesPerTask is a REPL variable: the engines see the value it has when the map is submitted
List<Long> hits = lv.map(seed -> {
  var random = new java.util.SplittableRandom(seed);
  long inside = 0;
  for (int i = 0; i < samplesPerTask; i++) {
    double x = random.nextDouble(), y = random.nextDouble();
    if (x * x + y * y <= 1.0) inside++;
  }
  return inside;
}, seeds);

double pi = 4.0 * hits.stream().mapToLong(Long::longValue).sum() / ((double) samplesPerTask * seeds.size());
System.out.printf("pi ~ %.5f from %,d samples on %d engines%n", pi, (long) samplesPerTask * seeds.size(), rc.ids().size());
if (Math.abs(pi - Math.PI) > 0.005) throw new AssertionError("pi estimate too far off: " + pi);
