#!/usr/bin/env python3
"""Two ddcalc builds side by side on the same runs (bench/RESULTS.md, "Before and after issue 21").

Times whole `ddcalc sweep` processes of a build from before (BEFORE) and after (AFTER) a change,
alternating the two in every repetition so that machine noise hits both alike, and prints for each
case the median (min-max) wall time of each and the ratio of the medians. The Monte Carlo cases run
one point at d = 100 with one thread, so the time is per trial (start-up, about 10 ms, included);
the closed-form case is bench/run.py's (geometric:1e12, 1000 values of n, no Monte Carlo).

Usage: python3 bench/before_after.py BEFORE AFTER [--reps 9] [--trials 4000]
"""
import argparse
import statistics

from per_point_starts import sweep, timed


def cases(trials):
    mc = ["--d", "100", "--trials", str(trials), "--threads", "1", "--format", "csv"]
    return [
        ("isotropic, n = 50, both designs", ["--ns", "50"] + mc),
        ("isotropic, n = 150, both designs", ["--ns", "150"] + mc),
        ("geometric:100, n = 50 (wide draws), both designs", ["--spectrum", "geometric:100", "--ns", "50"] + mc),
        ("geometric:100, n = 90 (wide draws), both designs", ["--spectrum", "geometric:100", "--ns", "90"] + mc),
        ("geometric:100, n = 150 (Wishart Gram draws), both designs", ["--spectrum", "geometric:100", "--ns", "150"] + mc),
        ("geometric:100, n = 150, --sampler rows (QR solver)", ["--spectrum", "geometric:100", "--ns", "150", "--sampler", "rows"] + mc),
        ("uniform features, n = 50 and 150 (rows, QR solver)", ["--features", "uniform", "--ns", "50,150"] + mc),
        ("closed forms, d = 1e5, geometric:1e12, 1000 points", sweep("", 100000)[2:]),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--trials", type=int, default=4000)
    args = parser.parse_args()
    print("| case | before (ms) | after (ms) | after / before |")
    print("|---|---|---|---|")
    for name, arguments in cases(args.trials):
        times = {"before": [], "after": []}
        for _ in range(args.reps):
            for build in ("before", "after"):
                times[build].append(1000 * timed([getattr(args, build), "sweep"] + arguments))
        b, a = (statistics.median(times[k]) for k in ("before", "after"))
        span = {k: f"{min(v):.0f}-{max(v):.0f}" for k, v in times.items()}
        print(f"| {name} | {b:.0f} ({span['before']}) | {a:.0f} ({span['after']}) | {a / b:.2f} |", flush=True)


if __name__ == "__main__":
    main()
