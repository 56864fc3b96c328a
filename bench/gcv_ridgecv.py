#!/usr/bin/env python3
"""`ddcalc gcv` against scikit-learn's RidgeCV on the same data and grid (bench/RESULTS.md, "gcv").

Makes a 10,000 x 500 Gaussian data set (seed 7, y = X w + noise, saved as .npy with y as column 501),
runs `ddcalc gcv --data F --target 501 --points 200` (one SVD of X, then O(N d) per penalty) and
RidgeCV(alphas=the same 200 penalties, fit_intercept=False, store_cv_results=True) (its
leave-one-out "gcv" mode), alternating the two in every repetition, and prints the median (min-max)
wall times of the whole ddcalc process and of RidgeCV's fit, and the largest relative difference
between ddcalc's `loo` and RidgeCV's mean leave-one-out squared error over the grid.

Needs numpy and scikit-learn (pip install scikit-learn); ddcalc itself needs neither.
Usage: python3 bench/gcv_ridgecv.py DDCALC [--reps 3] [--rows 10000] [--columns 500] [--points 200]
"""
import argparse
import csv
import io
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import RidgeCV


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ddcalc")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--columns", type=int, default=500)
    parser.add_argument("--points", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    x = rng.standard_normal((args.rows, args.columns))
    y = x @ (rng.standard_normal(args.columns) / np.sqrt(args.columns)) + rng.standard_normal(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.npy"
        np.save(path, np.column_stack([x, y]))
        command = [args.ddcalc, "gcv", "--data", str(path), "--target", str(args.columns + 1),
                   "--points", str(args.points), "--format", "csv"]
        ours, theirs, text = [], [], ""
        for _ in range(args.reps):
            start = time.perf_counter()
            text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            ours.append(time.perf_counter() - start)
            rows = list(csv.DictReader(io.StringIO(text)))
            alphas = np.array([float(r["ridge_lambda"]) for r in rows])
            start = time.perf_counter()
            model = RidgeCV(alphas=alphas, fit_intercept=False, store_cv_results=True).fit(x, y)
            theirs.append(time.perf_counter() - start)
        loo = np.array([float(r["loo"]) for r in rows])
        sklearn_loo = model.cv_results_.mean(axis=0)
        difference = np.max(np.abs(loo - sklearn_loo) / sklearn_loo)

    def show(times):
        return f"{statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f})"

    print("| N x d, penalties | ddcalc gcv (s) | RidgeCV fit (s) | ddcalc / RidgeCV | max rel. diff. of LOO |")
    print("|---|---|---|---|---|")
    print(f"| {args.rows} x {args.columns}, {args.points} | {show(ours)} | {show(theirs)} | "
          f"{statistics.median(ours) / statistics.median(theirs):.2f} | {difference:.1e} |")


if __name__ == "__main__":
    main()
