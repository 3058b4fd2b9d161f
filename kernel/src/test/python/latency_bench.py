"""No-op cell round trip of the jparallel kernel, measured with Debian's jupyter_client.

Sends N empty execute requests one after another and times each from send to the
execute_reply (and to the idle status on IOPub). Prints one JSON object. It reports and never
judges the speed (basekernel 2.3.0's loops took 53-56 ms); it exits 1 only when a cell fails.
"""
import argparse
import json
import statistics
import sys
import time

import harness


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--code", default="")
    ap.add_argument("--idle", type=float, default=0,
                    help="seconds the kernel sits idle after it is ready, before the first cell (a user reading)")
    args = ap.parse_args()

    km, kc = harness.start()
    try:
        harness.drain(kc)
        time.sleep(args.idle)
        for _ in range(args.warmup):
            harness.execute(kc, args.code)
        reply_ms, idle_ms = [], []
        for _ in range(args.cells):
            t0 = time.perf_counter()
            msg_id = kc.execute(args.code)
            reply = harness.shell_reply(kc, msg_id)
            t1 = time.perf_counter()
            harness.iopub_until_idle(kc, msg_id)
            t2 = time.perf_counter()
            assert reply["content"]["status"] == "ok", reply["content"]
            reply_ms.append((t1 - t0) * 1000)
            idle_ms.append((t2 - t0) * 1000)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)

    def summary(xs):
        xs = sorted(xs)
        return {"median": round(statistics.median(xs), 3), "mean": round(statistics.fmean(xs), 3),
                "p90": round(xs[int(len(xs) * 0.9) - 1], 3), "min": round(xs[0], 3), "max": round(xs[-1], 3)}

    result = {"benchmark": "noop_cell_roundtrip", "kernel": harness.KERNEL_NAME, "code": args.code,
              "cells": args.cells, "warmup": args.warmup, "idle_s": args.idle, "unit": "ms", "until_reply": summary(reply_ms), "until_idle": summary(idle_ms)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
