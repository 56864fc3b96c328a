#!/usr/bin/env python3
"""Checks that bench/baseline.py computes the right numbers (run: python3 bench/check_baseline.py).

Closed forms against hand-derived isotropic values and identities from docs/MATH.md; the Monte
Carlo samplers against Theorem 1 and the exact i.i.d. Gaussian MSE at d = 10. Fixed seeds, so the
run is deterministic; it takes a few seconds.
"""
import sys

import numpy as np

from baseline import Model, closed_forms, solve_lambda, spectrum, sweep

FAILURES = []


def check(name, ok, detail):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    if not ok:
        FAILURES.append(name)


def rel(a, b):
    return abs(a - b) / abs(b)


def check_isotropic():
    """lambda_n = d/n - 1 and variance = sigma^2 n (1 - (n/d)^d) / (d - n) when Sigma = I."""
    worst_lam = worst_var = 0.0
    for d in (1, 7, 100, 10_000):
        m = Model(spectrum("isotropic", d), sigma=0.7)
        for n in np.linspace(0.05, 0.999, 9) * d:
            row = closed_forms(m, n)
            worst_lam = max(worst_lam, rel(row["lambda"], d / n - 1))
            var = 0.49 * n * -np.expm1(d * np.log(n / d)) / (d - n)
            worst_var = max(worst_var, rel(row["theory_variance"], var))
    check("isotropic lambda_n = d/n - 1", worst_lam < 1e-11, f"max rel err {worst_lam:.1e}")
    check("isotropic variance", worst_var < 1e-11, f"max rel err {worst_var:.1e}")


def check_lambda_equation():
    """sum s/(s+lambda) = n to round-off on a very ill-conditioned spectrum."""
    m = Model(spectrum("geometric:1e12", 10_000))
    worst = max(rel(np.sum(m.s / (m.s + solve_lambda(m, n))), n) for n in (1e-3, 1, 500, 9_999, 9_999.999))
    check("lambda_n solves its equation (geometric:1e12, d=1e4)", worst < 1e-12, f"max rel residual {worst:.1e}")


def check_continuity_and_identity():
    """MSE continuous at n = d; surrogate = deterministic equivalent - sigma^2 alpha / lambda."""
    m = Model(spectrum("geometric:100", 50), sigma=1.3)
    at_d = closed_forms(m, 50)["theory_mse"]
    jump = max(rel(closed_forms(m, 50 + h)["theory_mse"], at_d) for h in (-1e-7, 1e-7))
    check("continuity at n = d", jump < 1e-6, f"MSE(d) = {at_d:.6g}, max rel jump at d +- 1e-7: {jump:.1e}")
    worst = 0.0
    for n in (1, 10, 25, 49, 49.9):
        r = closed_forms(m, n)
        worst = max(worst, rel(r["theory_mse"], r["de_mse"] - 1.69 * r["alpha"] / r["lambda"]))
    check("surrogate = DE - sigma^2 alpha/lambda", worst < 1e-10, f"max rel err {worst:.1e}")


def check_monte_carlo(trials=4000, limit=4.0):
    """MC means within `limit` standard errors of the exact values at d = 10."""
    for spec, n, key, exact_key in [("geometric:10", 4, "surrogate", "theory_mse"),
                                    ("geometric:10", 20, "surrogate", "theory_mse"),
                                    ("isotropic", 5, "surrogate", "theory_mse"),
                                    ("geometric:10", 20, "iid", "iid_exact_mse"),
                                    ("isotropic", 5, "iid", "iid_exact_mse")]:
        m = Model(spectrum(spec, 10), sigma=0.5)
        row = sweep(m, [n], [key], trials, seed=n)[0]
        mc, se, exact = row[f"mc_{key}_mse"], row[f"mc_{key}_stderr"], row[exact_key]
        z = (mc - exact) / se
        detail = f"MC {mc:.5f} +- {se:.5f} vs exact {exact:.5f} (z = {z:+.2f})"
        if key == "surrogate":
            detail += f", mean rows {row['mc_surrogate_mean_rows']:.3f}"
        check(f"{key} MC, d=10 {spec} n={n}", abs(z) < limit, detail)


if __name__ == "__main__":
    check_isotropic()
    check_lambda_equation()
    check_continuity_and_identity()
    check_monte_carlo()
    print("FAILED: " + ", ".join(FAILURES) if FAILURES else "all checks passed")
    sys.exit(1 if FAILURES else 0)
