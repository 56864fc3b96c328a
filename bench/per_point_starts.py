#!/usr/bin/env python3
"""Closed-form sweep time of two ddcalc builds side by side (bench/RESULTS.md, "Per-point starts").

Issue 21 took the warm starts out of closed-form sweeps: every root now starts from the coarse
spectrum's root at its own n (docs/MATH.md, "The regularization level lambda_n"), so a point's bits
do not depend on the grid. This times the same sweep as bench/run.py's closed-form section
(geometric:1e12, 1000 values of n over (0, 2d], --trials 0) for a build from before (BEFORE) and
after (AFTER), alternating the two in every repetition so that machine noise hits both alike, and
prints the medians (min-max) of the whole process's wall time and their ratio.

Usage: python3 bench/per_point_starts.py BEFORE AFTER [--reps 11] [--ds 100000,1000000]
"""
import argparse
import statistics
import subprocess
import time


def sweep(binary, d):
    return [binary, "sweep", "--d", str(d), "--spectrum", "geometric:1e12", "--n-min", str(2 * d / 1000),
            "--n-max", str(2 * d), "--points", "1000", "--trials", "0", "--format", "csv"]


def timed(arguments):
    start = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--reps", type=int, default=11)
    parser.add_argument("--ds", default="100000,1000000")
    args = parser.parse_args()
    print("| d | before (ms) | after (ms) | after / before |")
    print("|---|---|---|---|")
    for d in [int(x) for x in args.ds.split(",")]:
        times = {"before": [], "after": []}
        for _ in range(args.reps):
            for name in ("before", "after"):
                times[name].append(1000 * timed(sweep(getattr(args, name), d)))
        b, a = (statistics.median(times[k]) for k in ("before", "after"))
        span = {k: f"{min(v):.0f}-{max(v):.0f}" for k, v in times.items()}
        print(f"| {d:.0e} | {b:.0f} ({span['before']}) | {a:.0f} ({span['after']}) | {a / b:.2f} |")


if __name__ == "__main__":
    main()
