#!/usr/bin/python3
"""One table of every ratio of issue 13's targets, from one round of compare-ipyparallel.sh.

usage: ratios.py RESULTS_DIR ROUND
Reads, for round N: jpar-lb-N.json, jpar-direct-N.json, ipp-lb-N.json, ipp-pure-N.json,
ipp-lb-nodb-N.json, ipp-direct-nodb-N.json, ceiling-N.txt (zmq-ceiling/run.sh's output),
kernel-N.json (latency_bench.py lines) and startup-N.txt ("name seconds" lines), whichever are
there. Every ratio is printed with its target and whether it is met; missing inputs say so.
"""
import json
import os
import re
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def latency(d, n=4096):
    for r in (d or {}).get("latency", []):
        if r["n"] == n:
            return r["roundtrip_per_s"]
    return None


def rounds(d, n=4096):
    """How many rounds a latency row is the median of (1 for bench.py's single round)."""
    for r in (d or {}).get("latency", []):
        if r["n"] == n:
            return len(r.get("rounds_per_s") or [0])
    return 0


def of_rounds(d):
    k = rounds(d)
    return "one round" if k <= 1 else f"median of {k} rounds"


def tp_rounds(d, size=4194304):
    """'(median of 3 rounds)' for a row of several rounds, '' for bench.py's one."""
    for r in (d or {}).get("throughput", []):
        if r["bytes"] == size and len(r.get("rounds_mb_per_s") or []) > 1:
            return f" (median of {len(r['rounds_mb_per_s'])} rounds)"
    return ""


def throughput(d, size=4194304):
    for r in (d or {}).get("throughput", []):
        if r["bytes"] == size:
            return r["mb_per_s"]
    return None


def map_row(d, dt):
    for r in (d or {}).get("map", []):
        if r["dt_ms"] == dt:
            return r
    return None


def overhead(d, dt):
    r = map_row(d, dt)
    return None if r is None else r["overhead"]


def maps(d, dt):
    """How many maps a row is the median of (1 for IPython parallel's and for older reports)."""
    r = map_row(d, dt)
    return 0 if r is None else len(r.get("overheads") or [r["overhead"]])


def single(d):
    return ((d or {}).get("single") or {}).get("median_us")


def ceiling(path):
    try:
        text = open(path).read()
    except OSError:
        return None, None
    rates = [float(x) for x in re.findall(r"roundtrip (\d+) msg/s", text)]
    seq = re.search(r"sequential round trip: median ([\d.]+) us", text)
    return (max(rates) if rates else None), (float(seq.group(1)) if seq else None)


def kernel(path):
    out = {}
    try:
        for line in open(path):
            line = line.strip()
            if line.startswith("{"):
                d = json.loads(line)
                key = (d.get("kernel"), d.get("code"))
                if d.get("warmup", 20) >= 300:  # the same cells after the JIT has compiled javac
                    key = key + ("warm",)
                elif d.get("idle_s", 0) > 0:  # the same cells after the kernel sat idle (javac warmed up behind it)
                    key = key + ("idle",)
                out[key] = d["until_reply"]["median"]
    except (OSError, ValueError):
        pass
    return out


def startup(path):
    out = {}
    try:
        for line in open(path):
            parts = line.split()
            if len(parts) == 2:
                out[parts[0]] = float(parts[1])
    except (OSError, ValueError):
        pass
    return out


def main():
    res, n = sys.argv[1], sys.argv[2]
    f = lambda name: os.path.join(res, f"{name}-{n}.json")
    lb, direct = load(f("jpar-lb")), load(f("jpar-direct"))
    ipp_lb, ipp_pure, ipp_nodb, ipp_dnodb = load(f("ipp-lb")), load(f("ipp-pure")), load(f("ipp-lb-nodb")), load(f("ipp-direct-nodb"))
    ceil_rate, ceil_seq = ceiling(os.path.join(res, f"ceiling-{n}.txt"))
    kern = kernel(os.path.join(res, f"kernel-{n}.json"))
    start = startup(os.path.join(res, f"startup-{n}.txt"))
    rows = []

    def row(what, value, target, ok, detail):
        rows.append((what, value, target, ok, detail))

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    ipp_best_lat = max([x for x in (latency(ipp_lb), latency(ipp_pure)) if x is not None], default=None)
    r = ratio(latency(lb), ipp_best_lat)
    row("lb latency n=4096 vs IPython parallel's best", r, ">= 40x", r is not None and r >= 40,
        f"{latency(lb) or 0:.0f}/s vs {ipp_best_lat or 0:.0f}/s")
    # jparallel's median round of 4096 echoes against the ceiling's best round (of 3: its first
    # two warm its JIT)
    r = ratio(latency(lb), ceil_rate)
    row("lb latency n=4096 vs JeroMQ ceiling", r, ">= 0.25", r is not None and r >= 0.25,
        f"{latency(lb) or 0:.0f}/s ({of_rounds(lb)}) vs {ceil_rate or 0:.0f} msgs/s (best round)")
    r = ratio(latency(direct), ceil_rate)
    row("direct latency n=4096 vs JeroMQ ceiling", r, ">= 0.35", r is not None and r >= 0.35,
        f"{latency(direct) or 0:.0f}/s ({of_rounds(direct)}) vs {ceil_rate or 0:.0f} msgs/s (best round)")
    r = ratio(single(lb), ceil_seq)
    row("lb single median vs ceiling's sequential round trip", r, "<= 1.5x", r is not None and r <= 1.5,
        f"{single(lb) or 0:.0f} us vs {ceil_seq or 0:.0f} us")
    for dt, limit in ((1, 0.50), (16, 0.03), (128, 0.01)):
        o = overhead(lb, dt)
        k = maps(lb, dt)
        median = f", median of {k} maps" if k > 1 else ""
        row(f"map overhead, 1 task per item, {dt} ms{median}", o, f"<= {limit:.0%}", o is not None and o <= limit,
            f"IPython parallel (one map): {overhead(ipp_lb, dt) if overhead(ipp_lb, dt) is None else format(overhead(ipp_lb, dt), '.0%')}")
    r = ratio(throughput(lb), throughput(ipp_nodb))
    row("100 x 4 MiB lb vs IPython parallel hub DB off", r, ">= 1.5x", r is not None and r >= 1.5,
        f"{throughput(lb) or 0:.0f}{tp_rounds(lb)} vs {throughput(ipp_nodb) or 0:.0f} MB/s (one round)")
    r = ratio(throughput(direct), throughput(ipp_dnodb))
    row("100 x 4 MiB direct vs IPython parallel direct hub DB off", r, "(report)", None,
        f"{throughput(direct) or 0:.0f}{tp_rounds(direct)} vs {throughput(ipp_dnodb) or 0:.0f} MB/s (one round)")
    r = ratio(latency(direct), latency(ipp_dnodb))
    row("direct latency n=4096 vs IPython parallel direct", r, "(report)", None,
        f"{latency(direct) or 0:.0f}/s vs {latency(ipp_dnodb) or 0:.0f}/s")
    p1 = kern.get(("python3", "1"))
    # jparallel's cells 20 in, after 300 (the JIT has compiled javac), and 20 in after 15 s idle
    for tag, when in (((), ""), (("warm",), ", after 300 cells (JIT warm)"), (("idle",), ", 20 cells in after 15 s idle")):
        j1, jd = kern.get(("jparallel", "1") + tag), kern.get(("jparallel", "int x = 1;") + tag)
        r = ratio(j1, p1)
        row(f"kernel cell `1` vs ipykernel `1`{when or ' (median to reply)'}", r, "<= 3x", r is not None and r <= 3,
            f"{j1 or 0:.1f} ms vs {p1 or 0:.1f} ms")
        r = ratio(j1, jd)
        row(f"kernel cell `1` vs `int x = 1;`{when}", r, "<= 1x", r is not None and r <= 1,
            f"{j1 or 0:.1f} ms vs {jd or 0:.1f} ms")
    r = ratio(start.get("jpar_cluster_start_4"), start.get("ipcluster_start_4"))
    row("4 engines ready vs ipcluster start -n 4", r, "<= 2x", r is not None and r <= 2,
        f"{start.get('jpar_cluster_start_4', 0):.1f} s vs {start.get('ipcluster_start_4', 0):.1f} s")
    p = start.get("jpar_prompt")
    row("./jpar to its prompt", p, "<= 1.5 s", p is not None and p <= 1.5, "engines start behind the prompt")
    for key, label, anchor in (("px_a1_ms", "%px a=1 on 4 engines, ms (median)", "IPython parallel 6.6 ms"),
                               ("px_a1_after_idle_ms", "%px a=1 on 4 engines after 30 s idle, ms (median)",
                                "IPython parallel 6.6 ms"),
                               ("first_task_ms", "first task on a fresh engine, ms", "IPython parallel 80-190 ms"),
                               ("first_task_line_ms", "the same with the client's javac compiling the line, ms",
                                "what a REPL user waits for")):
        v = start.get(key)
        row(label, v, "(report)", None, anchor)

    print(f"# round {n}: issue 13 targets (ratios in this round; 'x' = jparallel / other)")
    print(f"| figure | value | target | met | detail |")
    print(f"|---|---|---|---|---|")
    for what, value, target, ok, detail in rows:
        if value is None:
            v = "missing"
        elif "overhead" in what:
            v = f"{value:.1%}"
        elif "prompt" in what or "ms" in what.split(",")[-1]:
            v = f"{value:.2f}"
        else:
            v = f"{value:.2f}x"
        met = "-" if ok is None else ("yes" if ok else "no")
        print(f"| {what} | {v} | {target} | {met} | {detail} |")


if __name__ == "__main__":
    main()
