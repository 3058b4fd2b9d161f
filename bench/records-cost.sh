#!/usr/bin/env bash
# What task records cost: the latency benchmark (4 engines, load-balanced, round trips of empty
# tasks, n = 1024 and 4096, four times each per run) and single-task round trips with the records in SQLite
# (--db sqlite, the default) and with none (--db none), alternating in one run so both see the
# same machine; ROUNDS rounds, the order flipped every round. Also the CPU the client and
# controller JVM spent on the whole run, which a loaded machine moves much less than rates.
# Writes bench/results/records-<db>-<round>.json and .txt and the ratios (sqlite / none) to
# bench/results/records-cost.txt.
# Usage: bench/records-cost.sh [ROUNDS]   (default 4)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/bench/results
rounds=${1:-4}
mkdir -p "$out"
(cd "$here" && mvn -q -B -o -DskipTests package) # ./jpar's own check misses edits deep in src/main
run() { # one benchmark run; again once if the cluster failed (an engine lost on a loaded machine)
  local db=$1 r=$2
  for attempt in 1 2; do
    if "$here/jpar" bench latency,single -n 4 --latency-n 1024,4096,1024,4096,1024,4096,1024,4096 --single 300 --db "$db" \
        --json "$out/records-$db-$r.json" 2>&1 | grep -v -E ' (controller|cluster|engine) (INFO|WARN) ' \
        | tee "$out/records-$db-$r.txt"; then
      return 0
    fi
    echo "(run failed; again)"
  done
  return 1
}
for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="sqlite none"; else order="none sqlite"; fi
  for db in $order; do
    echo "== round $r: --db $db"
    run "$db" "$r"
  done
done
python3 - "$out" "$rounds" <<'PY' | tee "$out/records-cost.txt"
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def load(db, r):
    with open(f"{out}/records-{db}-{r}.json") as f:
        return json.load(f)
print(f"task records on (--db sqlite) vs off (--db none), {rounds} alternating rounds, 4 engines, load-balanced")
for n in (1024, 4096):
    def rate(db, r):  # the median of the run's measurements at this n
        return statistics.median(x["roundtrip_per_s"] for x in load(db, r)["latency"] if x["n"] == n)
    on = [rate("sqlite", r) for r in range(1, rounds + 1)]
    off = [rate("none", r) for r in range(1, rounds + 1)]
    ratios = [a / b for a, b in zip(on, off)]
    print(f"latency n={n}: sqlite {statistics.median(on):,.0f}/s, none {statistics.median(off):,.0f}/s (medians); "
          f"per-round ratio sqlite/none {min(ratios):.3f}-{max(ratios):.3f}, median {statistics.median(ratios):.3f}")
on = [load("sqlite", r)["single"]["median_us"] for r in range(1, rounds + 1)]
off = [load("none", r)["single"]["median_us"] for r in range(1, rounds + 1)]
ratios = [a / b for a, b in zip(on, off)]
print(f"single task round trip: sqlite {statistics.median(on):.0f} us, none {statistics.median(off):.0f} us (medians);"
      f" per-round ratio {min(ratios):.3f}-{max(ratios):.3f}, median {statistics.median(ratios):.3f} (lower is better)")
def cpu(db, r):
    with open(f"{out}/records-{db}-{r}.txt") as f:
        return next(float(l.split()[1]) for l in f if l.startswith("cpu "))
on = [cpu("sqlite", r) for r in range(1, rounds + 1)]
off = [cpu("none", r) for r in range(1, rounds + 1)]
ratios = [a / b for a, b in zip(on, off)]
print(f"CPU of the client+controller JVM for the whole run (same work both ways): sqlite {statistics.median(on):,.0f} ms,"
      f" none {statistics.median(off):,.0f} ms (medians); per-round ratio {min(ratios):.3f}-{max(ratios):.3f},"
      f" median {statistics.median(ratios):.3f}")
PY
