#!/usr/bin/env python3
"""Convert scikit-learn's bundled diabetes data to data/diabetes/diabetes.csv (run once).

Needs scikit-learn (pip install scikit-learn, or Debian's python3-sklearn). The features are
read unscaled (load_diabetes(scaled=False)) and standardised here: each column centred to mean 0
and divided by its population standard deviation (ddof = 0), so that Sigma = A^T A / N is the
features' correlation matrix. The response column `progression` is left as published.
Numbers are written in Python's shortest round-trip form (repr), so no precision is lost.
See README.md in this folder for the source, the licence and why the features are standardised.
"""
import csv
import pathlib

import numpy as np
from sklearn.datasets import load_diabetes


def main() -> None:
    bunch = load_diabetes(scaled=False)
    features = np.asarray(bunch.data, dtype=float)
    target = np.asarray(bunch.target, dtype=float)
    names = list(bunch.feature_names)
    standardised = (features - features.mean(axis=0)) / features.std(axis=0)
    out = pathlib.Path(__file__).with_name("diabetes.csv")
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names + ["progression"])
        for row, y in zip(standardised, target):
            writer.writerow([repr(float(x)) for x in row] + [repr(float(y))])
    print(f"wrote {out}: {features.shape[0]} rows, {features.shape[1]} features + progression")


if __name__ == "__main__":
    main()
