#!/usr/bin/env python3
"""Independent high-precision reference values for ddcalc's closed forms at extreme scales.

Writes Tests/DoubleDescentTests/Theory/TheoryScaleReferenceTable.swift: for the parametric spectra
ddcalc builds itself (geometric:K with K from 1e12 to 1e300, powerlaw:A; d from 40 to 10^6) and
w* isotropic, on the last or on the first eigen-direction, at n from 1e-9 to within 1e-9 of d and
above it, the exact lambda_n, alpha_n, Theorem 1's bias and variance, the deterministic equivalent
of the estimation error and of the prediction risk, Theorem 1's prediction risk above d, and the
i.i.d. Gaussian MSE, with sigma = 1, from the formulas of docs/MATH.md ("The regularization level
lambda_n", "Theorem 1", "Deterministic equivalent", "Prediction risk", "I.i.d. Gaussian design").

The eigenvalues are the doubles ddcalc computes (Spectrum.parametricEigenvalues: exp(-log(K) i /
(d - 1)) and pow(i + 1, -A), the same IEEE operations and glibc functions); the table records some
of them, and the test checks that it regenerates exactly those. The references are computed from
those exact doubles in mpmath and rounded to the nearest double. Each deterministic equivalent is
evaluated twice, by its literal formula (n - df2 as a difference) and by its identity form; the
script stops unless the two agree to 1e-40, which shows that the working precision (60 digits plus
the decades that n/d, 1 - n/d and d can cost) covers the cancellations. Nothing here shares code
with ddcalc. The root is bracketed in double precision with numpy (only a start), then found by
Newton in log lambda in mpmath to 10^-(digits - 10).

Run from the package root: python3 scripts/reference/theory_scale_reference.py (about 25 minutes:
the d = 10^5 and 10^6 points take most of it).
"""
import math
import os
import sys

import mpmath as mp
import numpy as np

OUT = os.path.join("Tests", "DoubleDescentTests", "Theory", "TheoryScaleReferenceTable.swift")


def geometric(d, k):
    """ddcalc's geometric:K: exp(-log(K) * i / (d - 1)), left to right, in doubles."""
    log_k = math.log(k)
    last = float(max(d - 1, 1))
    return [math.exp(-log_k * float(i) / last) for i in range(d)]


def powerlaw(d, a):
    """ddcalc's powerlaw:A: pow(i + 1, -A)."""
    return [math.pow(float(i + 1), -a) for i in range(d)]


def double_root(s, n):
    """lambda_n to about 1e-12 in doubles: bisection in log lambda on the residual that does not
    cancel (deficit form above d/2). Only a starting point for the mpmath Newton iteration."""
    s = np.array(s)
    d = len(s)
    lo, hi = math.log(s[-1]) - 60 + math.log(max(d - n, 1e-300) / d) - math.log(d), math.log(s[0]) + 60 + math.log(d / n)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lam = math.exp(mid)
        if n > d / 2:
            f = np.sum(lam / (s + lam)) - (d - n)   # increasing in lambda
        else:
            f = n - np.sum(s / (s + lam))           # increasing in lambda
        if f > 0:
            hi = mid
        else:
            lo = mid
    return math.exp(0.5 * (lo + hi))


def mp_root(s, n, start):
    """Newton in u = log lambda on df1(lambda) - n (deficit form sum lambda r - (d - n) above d/2,
    the same function), in the current precision."""
    d = len(s)
    n = mp.mpf(n)
    u = mp.log(mp.mpf(start))
    for _ in range(60):
        lam = mp.exp(u)
        level = mp.mpf(0)
        slope = mp.mpf(0)
        for x in s:
            r = 1 / (x + lam)
            level += lam * r
            slope += x * r * r
        g = level - (d - n)          # = n - df1, increasing in lambda
        step = -g / (lam * slope)    # dg/du = lambda sum s r^2
        u += step
        if abs(step) < mp.mpf(10) ** -(mp.mp.dps - 10):
            return mp.exp(u)
    raise RuntimeError("Newton did not converge")


def closed_forms(s_doubles, w_doubles, n):
    """Every closed form at sigma = 1, literal and identity forms cross-checked."""
    s = [mp.mpf(x) for x in s_doubles]
    w = [mp.mpf(x) for x in w_doubles]
    d = len(s)
    nn = mp.mpf(n)
    trace_inverse = mp.fsum(1 / x for x in s)
    out = {}
    if n < d:
        lam = mp_root(s, n, double_root(s_doubles, n))
        r = [1 / (x + lam) for x in s]
        p = [x * ri for x, ri in zip(s, r)]
        log_alpha = mp.fsum(-mp.log1p(lam / x) for x in s)
        alpha = mp.exp(log_alpha)
        bias = mp.fsum(wi * wi * lam * ri for wi, ri in zip(w, r))
        df2 = mp.fsum(pi * pi for pi in p)
        t = mp.fsum(x * ri * ri for x, ri in zip(s, r))
        wr2 = mp.fsum((wi * ri) ** 2 for wi, ri in zip(w, r))
        swr2 = mp.fsum(x * (wi * ri) ** 2 for x, wi, ri in zip(s, w, r))
        # Literal deterministic equivalents (HMRT 2019), n - df2 as a difference.
        de = lam * lam * wr2 + lam * lam * swr2 * t / (nn - df2) + t / (nn - df2)
        pde = lam * lam * swr2 / (1 - df2 / nn) + df2 / (nn - df2)
        # Identity forms (docs/MATH.md): the same values when the precision suffices.
        de_identity = bias + 1 / lam
        pde_identity = lam * nn * swr2 / t + df2 / (lam * t)
        for a, b, what in [(de, de_identity, "de"), (pde, pde_identity, "pde")]:
            if abs(a - b) > mp.mpf(10) ** -40 * abs(b):
                sys.exit(f"{what}: literal {a} and identity {b} disagree at n = {n}: raise the precision")
        out.update(lam=lam, alpha=alpha, bias=bias, variance=(1 - alpha) / lam, de=de, pde=pde, risk=None)
    else:
        g = nn - d
        factor = 1 if g == 0 else -mp.expm1(-g) / g
        out.update(lam=None, alpha=mp.exp(-g), bias=mp.mpf(0), variance=trace_inverse * factor,
                   de=None if g == 0 else trace_inverse / g, pde=None if g == 0 else d / g, risk=d * factor)
    iid = None
    if n == int(n) and n >= d + 2:
        iid = trace_inverse / (nn - d - 1)
    out["iid"] = iid
    return out


def literal(x):
    """nil where a quantity does not apply; .infinity where it exceeds the double range."""
    if x is None:
        return "nil"
    f = float(x)
    return ".infinity" if math.isinf(f) else repr(f)


def ns(d):
    values = [1e-9, 1e-6, 1e-3, 0.01, 1, d / 3, d - 1, d - 1e-3, d - 1e-6, d - 1e-9, d, d + 1e-6, d + 2, 2 * d]
    return sorted(set(float(v) for v in values if v > 0))


def cases():
    """(spectrum spec, d, eigenvalues, w* name, n values)."""
    out = []
    for k in ["1e100", "1e150", "1e200", "1e250", "1e299", "1e300"]:
        out.append((f"geometric:{k}", 40, geometric(40, float(k)), ["isotropic", "bottom", "top"], ns(40)))
    out.append(("geometric:1e250", 5000, geometric(5000, 1e250), ["isotropic", "bottom"],
                [1e-9, 0.01, 1, 2500, 4999, 5000 - 1e-6, 5000, 5002]))
    out.append(("powerlaw:1.3", 5000, powerlaw(5000, 1.3), ["isotropic"], [1e-6, 1, 2500, 5000 - 1e-6, 6000]))
    out.append(("geometric:1e100", 100000, geometric(100000, 1e100), ["isotropic"], [1e-3, 100000 - 1e-3]))
    out.append(("geometric:1e12", 1000000, geometric(1000000, 1e12), ["isotropic"], [1000000 - 1e-3]))
    return out


def weights(name, d):
    if name == "isotropic":
        return [1 / math.sqrt(d)] * d
    if name == "bottom":
        return [0.0] * (d - 1) + [1.0]
    return [1.0] + [0.0] * (d - 1)


def main():
    lines = [
        "// Generated by scripts/reference/theory_scale_reference.py (mpmath): do not edit.",
        "// Reference closed forms at sigma = 1 for ddcalc's parametric spectra at extreme scales (docs/MATH.md).",
        "",
        "enum TheoryScaleReferenceTable {",
        "    struct Point {",
        "        let n: Double",
        "        let lambda: Double?",
        "        let alpha: Double",
        "        let bias: Double",
        "        let variance: Double",
        "        /// The deterministic equivalent of the estimation error and of the prediction risk.",
        "        let deMSE: Double?",
        "        let predictionDE: Double?",
        "        /// Theorem 1's prediction risk (n >= d).",
        "        let theoryRisk: Double?",
        "        let iidExactMSE: Double?",
        "    }",
        "",
        "    struct Case {",
        "        /// A `--spectrum` argument, its dimension and w* (isotropic, bottom: e_d, top: e_1).",
        "        let spectrum: String",
        "        let d: Int",
        "        let wstar: String",
        "        /// Some eigenvalues by index, which the test must regenerate exactly.",
        "        let samples: [Int: Double]",
        "        let points: [Point]",
        "    }",
        "",
        "    static let cases: [Case] = [",
    ]
    for spec, d, s, wnames, nlist in cases():
        samples = {i: s[i] for i in sorted(set([0, 1, d // 3, d // 2, d - 2, d - 1]))}
        for wname in wnames:
            w = weights(wname, d)
            print(spec, d, wname, flush=True)
            lines.append(f"        Case(spectrum: \"{spec}\", d: {d}, wstar: \"{wname}\",")
            lines.append("             samples: [" + ", ".join(f"{i}: {x!r}" for i, x in samples.items()) + "],")
            lines.append("             points: [")
            for n in nlist:
                n = float(n)
                digits = 60 + int(math.log10(d)) + int(max(math.log10(d / n), math.log10(d / abs(d - n)) if n != d else 0, 0))
                with mp.workdps(digits):
                    v = closed_forms(s, w, n)
                lines.append(
                    f"                Point(n: {n!r}, lambda: {literal(v['lam'])}, alpha: {literal(v['alpha'])}, "
                    f"bias: {literal(v['bias'])}, variance: {literal(v['variance'])}, deMSE: {literal(v['de'])}, "
                    f"predictionDE: {literal(v['pde'])}, theoryRisk: {literal(v['risk'])}, iidExactMSE: {literal(v['iid'])}),")
            lines.append("             ]),")
    lines += ["    ]", "}", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
