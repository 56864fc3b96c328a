#!/usr/bin/env python3
"""Independent high-precision reference values for ddcalc's closed forms.

Writes Tests/DoubleDescentTests/Theory/TheoryReferenceTable.swift: for a set of spectra (condition
numbers 1 to 1e300, largest eigenvalue from 1e-150 to 1e300) and weights, at several n, the exact
lambda_n, alpha_n, Theorem 1's bias and variance, the deterministic-equivalent MSE and the exact
i.i.d. Gaussian MSE, computed with mpmath (60 significant digits beyond twice the decades of the
condition number, which the sums' cancellations can cost) straight from the formulas of
docs/MATH.md ("The regularization level lambda_n", "Theorem 1", "Deterministic equivalent", "I.i.d.
Gaussian design"), with sigma = 1. The inputs (eigenvalues, weights in Sigma's eigenbasis) are
written as the doubles the test feeds to ddcalc, and the references are computed from those exact
doubles, then rounded to the nearest double. Nothing here shares code with ddcalc.

Run from the package root: python3 scripts/reference/theory_reference.py
"""
import math
import os

import mpmath as mp

mp.mp.dps = 60
LAMBDA_CACHE = {}
OUT = os.path.join("Tests", "DoubleDescentTests", "Theory", "TheoryReferenceTable.swift")


def geometric(d, condition, top):
    """top * condition^(-i/(d-1)), i = 0..d-1, rounded to doubles (descending)."""
    if d == 1:
        return [float(top)]
    return [float(mp.mpf(top) * mp.power(mp.mpf(condition), -mp.mpf(i) / (d - 1))) for i in range(d)]


def lam(s, n):
    """The root of sum s_i/(s_i + lambda) = n: bisection in u = log lambda (the sum decreases in u),
    then Newton in u until the step is below 10^-(digits - 10)."""
    d = len(s)
    trace = mp.fsum(s)
    trace_inverse = mp.fsum(1 / x for x in s)
    lo = mp.log(d * (d - n) / (n * trace_inverse)) - 1
    hi = mp.log(min(trace / n, s[0] * (d - n) / n)) + 1

    def excess(u):
        l = mp.exp(u)
        return mp.fsum(x / (x + l) for x in s) - n

    for _ in range(60):
        mid = (lo + hi) / 2
        if excess(mid) > 0:
            lo = mid
        else:
            hi = mid
    u = (lo + hi) / 2
    for _ in range(100):
        l = mp.exp(u)
        slope = -mp.fsum(x * l / (x + l) ** 2 for x in s)
        step = -excess(u) / slope
        u += step
        if abs(step) < mp.mpf(10) ** -(mp.mp.dps - 10):
            return mp.exp(u)
    raise RuntimeError("Newton did not converge")


def cached_lam(s, n):
    """lam(s, n), once per spectrum, n and precision (the weights share it)."""
    key = (tuple(s), n, mp.mp.dps)
    if key not in LAMBDA_CACHE:
        LAMBDA_CACHE[key] = lam(s, n)
    return LAMBDA_CACHE[key]


def closed_forms(s_doubles, w_doubles, n):
    s = [mp.mpf(x) for x in s_doubles]
    w = [mp.mpf(x) for x in w_doubles]
    d = len(s)
    n = mp.mpf(n)
    trace_inverse = mp.fsum(1 / x for x in s)
    w2 = mp.fsum(x * x for x in w)
    out = {}
    if n < d:
        l = cached_lam(s, n)
        r = [1 / (x + l) for x in s]
        alpha = mp.fprod(x * ri for x, ri in zip(s, r))
        out["lambda"] = l
        out["alpha"] = alpha
        out["bias"] = mp.fsum(wi * wi * l * ri for wi, ri in zip(w, r))
        out["variance"] = (1 - alpha) / l
        # Deterministic equivalent, the literal formula (kappa = lambda_n).
        df2 = mp.fsum((x * ri) ** 2 for x, ri in zip(s, r))
        t = mp.fsum(x * ri * ri for x, ri in zip(s, r))
        de_bias = l * l * mp.fsum((wi * ri) ** 2 for wi, ri in zip(w, r)) \
            + l * l * mp.fsum(x * (wi * ri) ** 2 for x, wi, ri in zip(s, w, r)) * t / (n - df2)
        out["de"] = de_bias + t / (n - df2)
    else:
        g = n - d
        factor = 1 if g == 0 else (1 - mp.exp(-g)) / g
        out["lambda"] = None
        out["alpha"] = mp.exp(-g)
        out["bias"] = mp.mpf(0)
        out["variance"] = trace_inverse * factor
        out["de"] = None if g == 0 else trace_inverse / g
    iid = None
    if n == int(n):
        if n >= d + 2:
            iid = trace_inverse / (n - d - 1)
        elif n <= d - 2 and s[0] == s[-1]:
            iid = (1 - n / d) * w2 + n / (s[0] * (d - n - 1))
    out["iid"] = iid
    return out


def literal(x):
    if x is None:
        return "nil"
    f = float(x)
    if math.isinf(f):
        return ".infinity"
    return repr(f)


def cases():
    """(name, eigenvalues, weights name, weights) for every spectrum and weight vector."""
    spectra = []
    for d, conditions in [(12, [1, 1e3, 1e12, 1e30, 1e60]), (40, [1e12, 1e60, 1e100, 1e150, 1e200, 1e300])]:
        for condition in conditions:
            tops = [1, 1e150, 1e-150] + ([1e162, 1e-100, 1e300] if condition == 1e3 else [])
            for top in tops:
                bottom = top / condition
                if bottom < 1e-300 or top > 1e300:
                    continue
                spectra.append((f"d={d} geometric:{condition:g} top={top:g}", geometric(d, condition, top)))
    spectra.append(("issue 13 file: 1e300, 1, 1e-300", [1e300, 1.0, 1e-300]))
    out = []
    for name, s in spectra:
        d = len(s)
        isotropic = [1 / math.sqrt(d)] * d
        bottom = [0.0] * (d - 1) + [1.0]
        out.append((name + " wstar=isotropic", s, isotropic))
        out.append((name + " wstar=bottom", s, bottom))
    return out


def ns(d):
    values = [1, d / 2, d - 1, d - 1e-6, d, d + 0.5, d + 2]
    return sorted(set(v for v in values if v > 0))


def main():
    lines = [
        "// Generated by scripts/reference/theory_reference.py (mpmath, 60 digits): do not edit.",
        "// Reference closed forms at sigma = 1 for the spectra and weights listed (docs/MATH.md).",
        "",
        "enum TheoryReferenceTable {",
        "    struct Point {",
        "        let n: Double",
        "        let lambda: Double?",
        "        let alpha: Double",
        "        let bias: Double",
        "        let variance: Double",
        "        let deMSE: Double?",
        "        let iidExactMSE: Double?",
        "    }",
        "",
        "    struct Case {",
        "        let name: String",
        "        let eigenvalues: [Double]",
        "        let weights: [Double]",
        "        let points: [Point]",
        "    }",
        "",
        "    static let cases: [Case] = [",
    ]
    for name, s, w in cases():
        lines.append(f"        Case(name: \"{name}\",")
        lines.append("             eigenvalues: [" + ", ".join(repr(x) for x in s) + "],")
        lines.append("             weights: [" + ", ".join(repr(x) for x in w) + "],")
        lines.append("             points: [")
        for n in ns(len(s)):
            # Terms of the sums differ from 1 by as little as 1/condition, and n - df2 cancels to
            # about 1/condition^2 of n: 60 digits beyond both.
            with mp.workdps(60 + 2 * int(math.log10(s[0]) - math.log10(s[-1]))):
                v = closed_forms(s, w, n)
            lines.append(
                f"                Point(n: {n!r}, lambda: {literal(v['lambda'])}, alpha: {literal(v['alpha'])}, "
                f"bias: {literal(v['bias'])}, variance: {literal(v['variance'])}, deMSE: {literal(v['de'])}, "
                f"iidExactMSE: {literal(v['iid'])}),")
        lines.append("             ]),")
    lines += ["    ]", "}", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
