#!/usr/bin/env bash
# Runs jparallel's and IPython parallel's documented benchmarks side by side, in one run, on
# this machine (4 engines, loopback), and writes the JSON and compare.py's ratios to
# bench/results/. IPython parallel comes from Debian (python3-ipyparallel, python3-numpy) and
# runs through ../shared/anchors/ipyparallel/run.sh in its default (leastload) and best
# configurations (pure scheduler for latency/single, hub DB off for throughput, load-balanced and direct).
# Usage: bench/compare-ipyparallel.sh [ROUNDS]   (each configuration ROUNDS times, default 1)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
anchors=$here/../shared/anchors
out=$here/bench/results
rounds=${1:-1}
mkdir -p "$out"
command -v ipcluster >/dev/null || { echo "needs Debian's python3-ipyparallel: apt-get install -y python3-ipyparallel python3-numpy" >&2; exit 1; }
"$here/jpar" --version >/dev/null
for r in $(seq "$rounds"); do
  echo "== round $r: jparallel (adaptive credit, leastload)"
  "$here/jpar" bench all -n 4 --json "$out/jpar-lb-$r.json" --plot "$out/jpar-lb-$r.png" | grep -v ' INFO '
  echo "== round $r: jparallel direct view"
  "$here/jpar" bench latency,throughput,single -n 4 --view direct --json "$out/jpar-direct-$r.json" | grep -v ' INFO '
  echo "== round $r: IPython parallel, leastload (default)"
  "$anchors/ipyparallel/run.sh" -n 4 --scheme leastload --json "$out/ipp-lb-$r.json"
  echo "== round $r: IPython parallel, pure scheduler"
  "$anchors/ipyparallel/run.sh" -n 4 --scheme pure --only latency,single --json "$out/ipp-pure-$r.json"
  echo "== round $r: IPython parallel, leastload, hub DB off"
  "$anchors/ipyparallel/run.sh" -n 4 --scheme leastload --nodb --only throughput --json "$out/ipp-lb-nodb-$r.json"
  echo "== round $r: IPython parallel, direct view, hub DB off"
  "$anchors/ipyparallel/run.sh" -n 4 --nodb --view direct --only latency,throughput,single --json "$out/ipp-direct-nodb-$r.json"
  {
    echo "# round $r: jparallel load-balanced vs IPython parallel load-balanced (default leastload)"
    python3 "$anchors/compare.py" "$out/jpar-lb-$r.json" "$out/ipp-lb-$r.json"
    echo
    echo "# round $r: jparallel load-balanced vs IPython parallel pure scheduler (its fastest load-balanced)"
    python3 "$anchors/compare.py" "$out/jpar-lb-$r.json" "$out/ipp-pure-$r.json"
    echo
    echo "# round $r: jparallel load-balanced vs IPython parallel leastload with the hub DB off (its fastest for arrays)"
    python3 "$anchors/compare.py" "$out/jpar-lb-$r.json" "$out/ipp-lb-nodb-$r.json"
    echo
    echo "# round $r: jparallel direct vs IPython parallel direct with the hub DB off (its fastest)"
    python3 "$anchors/compare.py" "$out/jpar-direct-$r.json" "$out/ipp-direct-nodb-$r.json"
    echo
  } | tee -a "$out/compare.txt"
done
