// A parameter sweep with the load-balanced view: every grid point is a task, retried once
// elsewhere if its engine fails, stopped if it takes over 30 s.
// Run: ./jpar run examples/parameter-sweep.jsh

// a toy objective with its minimum at (a, b) = (1.5, -0.5); methods typed here run on the engines too
double loss(double a, double b) {
  double s = 0;
  for (int i = 0; i < 20_000; i++) {           // some work per point
    double x = i / 20_000.0;
    double err = (a * x + b) - (1.5 * x - 0.5);
    s += err * err;
  }
  return s / 20_000;
}

List<double[]> grid = new ArrayList<>();
for (int i = 0; i <= 20; i++)
  for (int j = 0; j <= 20; j++)
    grid.add(new double[] {i * 0.25 - 1.0, j * 0.25 - 3.0});

var sweep = lv.retries(1).timeout(Duration.ofSeconds(30));
AsyncResult<List<Double>> pending = sweep.mapAsync((double[] p) -> loss(p[0], p[1]), grid);
List<Double> losses = pending.get();

int best = 0;
for (int k = 1; k < losses.size(); k++) if (losses.get(k) < losses.get(best)) best = k;
double[] p = grid.get(best);
System.out.printf("best a=%.2f b=%.2f loss=%.2e (%d points in %d ms wall, %d ms of engine time)%n",
    p[0], p[1], losses.get(best), grid.size(), pending.wallTime().toMillis(), pending.serialTime().toMillis());
if (Math.abs(p[0] - 1.5) > 1e-9 || Math.abs(p[1] + 0.5) > 1e-9) throw new AssertionError("wrong optimum " + Arrays.toString(p));
