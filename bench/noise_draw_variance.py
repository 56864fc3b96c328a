#!/usr/bin/env python3
"""What drawing the noise would cost in precision (bench/RESULTS.md, "Prediction risk: cost per trial").

The Monte Carlo averages the noise exactly: each trial reports E_xi ||w_hat - w*||^2_Sigma given the
design, bias + sigma^2 tr(X^+T Sigma X^+). For wide non-isotropic Gaussian draws that trace costs an
application of Q to K columns. The cheap alternative reports bias + sigma^2 ||Sigma^(1/2) X^+ xi||^2
for one drawn xi ~ N(0, I_n): the same mean, no extra matrix work, but a larger variance per trial.
This script measures how much larger, on i.i.d. Gaussian designs with the benchmark's model (d = 100,
geometric:100, w* isotropic of norm 1, sigma = 1), with NumPy's dense pseudo-inverse as the
independent reference. The alternative would pay only if its variance factor were below the
cost ratio of exact averaging (about 1.5: `ddcalc-bench --risk-cost`).

    python3 bench/noise_draw_variance.py      # NumPy; fixed seed, about 30 s
"""
import numpy as np

D, TRIALS, SIGMA = 100, 3000, 1.0


def main():
    rng = np.random.default_rng(20261202)
    s = 100.0 ** (-np.arange(D) / (D - 1))
    wstar = np.full(D, 1 / np.sqrt(D))
    print("| n | mean, noise averaged | mean, noise drawn | variance per trial, averaged | drawn | factor |")
    print("|---|---|---|---|---|---|")
    for n in (30, 50, 70, 90, 95):
        averaged, drawn = [], []
        for _ in range(TRIALS):
            x = rng.standard_normal((n, D)) * np.sqrt(s)
            pinv = np.linalg.pinv(x)
            residual = wstar - pinv @ (x @ wstar)
            bias = np.sum(s * residual ** 2)
            averaged.append(bias + SIGMA ** 2 * np.sum(s[:, None] * pinv ** 2))
            noise = pinv @ rng.standard_normal(n)
            drawn.append(bias + SIGMA ** 2 * np.sum(s * noise ** 2))
        averaged, drawn = np.array(averaged), np.array(drawn)
        print(f"| {n} | {averaged.mean():.4g} | {drawn.mean():.4g} | {averaged.var():.4g} | {drawn.var():.4g} | "
              f"{drawn.var() / averaged.var():.1f} |", flush=True)


if __name__ == "__main__":
    main()
