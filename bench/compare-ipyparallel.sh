#!/usr/bin/env bash
# Runs jparallel's and IPython parallel's documented benchmarks side by side, in one run, on
# this machine (4 engines, loopback), and writes the JSON and compare.py's ratios to
# bench/results/. IPython parallel comes from Debian (python3-ipyparallel, python3-numpy) and
# runs through ../shared/anchors/ipyparallel/run.sh in its default (leastload) and best
# configurations (pure scheduler for latency/single, hub DB off for throughput, load-balanced and direct).
# Each round also runs the raw JeroMQ broker ceiling (../shared/anchors/zmq-ceiling/run.sh), the
# kernels' cell round trips (jparallel's `1` and `int x = 1;`, ipykernel's `1`, through
# jupyter_client), start-up (`jpar cluster start -n 4` and `ipcluster start -n 4` to 4 engines,
# `./jpar` to its prompt in tmux, the first task on fresh engines and `%px a=1`), then prints
# one table of every ratio (bench/ratios.py; also in compare.txt).
# Usage: bench/compare-ipyparallel.sh [ROUNDS]   (each configuration ROUNDS times, default 1)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
anchors=$here/../shared/anchors
out=$here/bench/results
rounds=${1:-1}
mkdir -p "$out"
command -v ipcluster >/dev/null || { echo "needs Debian's python3-ipyparallel: apt-get install -y python3-ipyparallel python3-numpy" >&2; exit 1; }
"$here/jpar" --version >/dev/null
export JPARALLEL_DIR=${JPARALLEL_DIR:-$(mktemp -d)}
kernels=$(mktemp -d)
trap 'rm -rf "$kernels"' EXIT
"$here/jpar" kernel install --prefix "$kernels" >/dev/null

# seconds until the REPL shows its prompt in a terminal (tmux), then /exit
prompt_seconds() {
  local s=jpar-prompt-$$ t0 t1
  t0=$(date +%s.%N)
  tmux new-session -d -s "$s" -x 160 -y 40 "cd '$here' && ./jpar -n 4"
  for _ in $(seq 600); do
    tmux capture-pane -p -t "$s" 2>/dev/null | grep -q 'jpar>' && break
    sleep 0.05
  done
  t1=$(date +%s.%N)
  tmux send-keys -t "$s" '/exit' Enter
  for _ in $(seq 200); do tmux has-session -t "$s" 2>/dev/null || break; sleep 0.1; done
  tmux kill-session -t "$s" 2>/dev/null || true
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}

for r in $(seq "$rounds"); do
  echo "== round $r: raw JeroMQ broker ceiling"
  ENGINES=4 "$anchors/zmq-ceiling/run.sh" | tee "$out/ceiling-$r.txt"
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
  echo "== round $r: kernels, one cell after another (jupyter_client)"
  {
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 20 --code 1
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 20 --code 'int x = 1;'
    JPARALLEL_KERNEL_NAME=python3 /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 20 --code 1
    # the same after 300 cells: javac compiled by the JIT (a long notebook session)
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 300 --code 1
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 300 --code 'int x = 1;'
    # the same 20 cells in, after the kernel sat idle 15 s (a user reading; javac warmed up behind it)
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 20 --idle 15 --code 1
    JUPYTER_PATH=$kernels/share/jupyter /usr/bin/python3 "$here/kernel/src/test/python/latency_bench.py" --cells 100 --warmup 20 --idle 15 --code 'int x = 1;'
  } | tee "$out/kernel-$r.json"
  echo "== round $r: start-up"
  {
    t0=$(date +%s.%N)
    "$here/jpar" cluster start -n 4 --daemon --profile compare >/dev/null 2>&1
    t1=$(date +%s.%N)
    "$here/jpar" cluster stop --profile compare >/dev/null 2>&1 || true
    python3 -c "print(f'jpar_cluster_start_4 {$t1 - $t0:.2f}')"
    echo "ipcluster_start_4 $(/usr/bin/python3 "$here/bench/ipcluster_start.py" 4)"
    echo "jpar_prompt $(prompt_seconds)"
    "$here/jpar" run "$here/bench/firsts.jsh" -n 4 2>/dev/null | grep -E '^(first_task_ms|first_task_line_ms|px_a1_ms|px_a1_after_idle_ms) '
  } | tee "$out/startup-$r.txt"
  {
    python3 "$here/bench/ratios.py" "$out" "$r"
    echo
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
