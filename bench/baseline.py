#!/usr/bin/env python3
"""Reference numpy/scipy implementation of ddcalc's sweep, used as the benchmark competitor.

It does the same work as `ddcalc sweep` (closed forms per n, optional Monte Carlo of the
minimum-norm least-squares error under the surrogate and the i.i.d. Gaussian designs), written
the way a competent numpy/scipy user would write it.  Section names in comments ("Theorem 1",
"Exact sampling", ...) refer to docs/MATH.md.

Everything works in Sigma's eigenbasis: Sigma = diag(s), s descending, and w* has equal
coordinates there (ddcalc's default `--wstar isotropic`).

    python3 bench/baseline.py closed --d 1000000 --spectrum geometric:1e12 --points 1000
    python3 bench/baseline.py mc --d 100 --n 150 --design iid --trials 200

The CSV goes to standard output (ddcalc's column names; empty field = null) and the compute
time, imports and printing excluded, to standard error as `elapsed_seconds=...`.
"""
import argparse
import sys
import time

import numpy as np
from scipy.linalg import solve_triangular
from scipy.optimize import brentq

COLUMNS = ["n", "ratio", "lambda", "alpha", "theory_mse", "theory_bias", "theory_variance",
           "de_mse", "iid_exact_mse", "mc_surrogate_mse", "mc_surrogate_stderr",
           "mc_surrogate_mean_rows", "mc_iid_mse", "mc_iid_stderr", "heavy_tail"]


def spectrum(spec, d):
    """Eigenvalues s_1 >= ... >= s_d for ddcalc's parametric `--spectrum` forms."""
    kind, _, arg = spec.partition(":")
    t = np.arange(d) / max(d - 1, 1)
    if kind == "isotropic":
        return np.ones(d)
    if kind == "linear":
        return 1.0 - (1.0 - 1.0 / float(arg)) * t
    if kind == "geometric":
        return np.exp(-np.log(float(arg)) * t)
    if kind == "powerlaw":
        return np.arange(1.0, d + 1) ** -float(arg)
    raise ValueError(f"--spectrum: unsupported '{spec}'")


class Model:
    """Spectrum s, true weights w (eigenbasis), noise level sigma, and the traces used often."""

    def __init__(self, s, wnorm=1.0, sigma=1.0):
        self.s = np.asarray(s, dtype=float)
        self.d = self.s.size
        self.w = np.full(self.d, wnorm / np.sqrt(self.d))
        self.sigma2 = sigma ** 2
        self.tr = self.s.sum()
        self.trinv = (1.0 / self.s).sum()


def solve_lambda(m, n):
    """lambda_n: the root of sum_i s_i/(s_i+lambda) = n, 0 < n < d, found by brentq on log lambda.

    Bracket: sum s/(s+l) >= d - l tr(Sigma^-1) and <= tr(Sigma)/l, so the root lies in
    [(d-n)/tr(Sigma^-1), tr(Sigma)/n].
    """
    s = m.s

    def excess(log_lam):
        return np.sum(s / (s + np.exp(log_lam))) - n

    lo, hi = np.log((m.d - n) / m.trinv), np.log(m.tr / n)
    return np.exp(brentq(excess, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps))


def closed_forms(m, n):
    """Theorem 1, the deterministic equivalent and the exact i.i.d. value at one n (a dict)."""
    d, s, w2, sig2 = m.d, m.s, m.w ** 2, m.sigma2
    row = {"n": n, "ratio": n / d, "lambda": None, "iid_exact_mse": None}
    if n < d:
        lam = solve_lambda(m, n)
        log_alpha = -np.sum(np.log1p(lam / s))
        inv = 1.0 / (s + lam)
        bias = lam * np.sum(w2 * inv)
        variance = sig2 * -np.expm1(log_alpha) / lam
        t = np.sum(s * inv ** 2)
        df2 = np.sum((s * inv) ** 2)
        de = (lam ** 2 * np.sum(w2 * inv ** 2) + lam ** 2 * np.sum(s * w2 * inv ** 2) * t / (n - df2)
              + sig2 * t / (n - df2))
        row.update({"lambda": lam, "alpha": np.exp(log_alpha)})
        if s[0] == s[-1] and n == int(n) and n <= d - 2:
            row["iid_exact_mse"] = (1 - n / d) * np.sum(w2) + sig2 * n / (s[0] * (d - n - 1))
    else:
        g = n - d
        bias, variance = 0.0, sig2 * m.trinv * (-np.expm1(-g) / g if g > 0 else 1.0)
        de = sig2 * m.trinv / g if g > 0 else None
        row["alpha"] = np.exp(-g)
        if n == int(n) and n >= d + 2:
            row["iid_exact_mse"] = sig2 * m.trinv / (n - d - 1)
    row.update({"theory_mse": bias + variance, "theory_bias": bias, "theory_variance": variance,
                "de_mse": de})
    return row


def det2_block(rng, k):
    """The R factor of a k x k matrix C = Q R with density prop. to det(C)^2 x standard Gaussian:
    R_jj ~ chi(k - j + 3) for j = 1..k, strictly upper entries N(0, 1). The Haar factor Q is left
    out, as ddcalc's Monte Carlo does: a rotation of the rows changes neither X^T X nor X^+ X,
    so the per-draw error does not depend on it."""
    r = np.triu(rng.standard_normal((k, k)), 1)
    r[np.diag_indices(k)] = np.sqrt(rng.chisquare(k + 2 - np.arange(k)))
    return r


def sample_iid(rng, m, n, _lam):
    """n i.i.d. rows x = sqrt(s) * z, z ~ N(0, I)."""
    return rng.standard_normal((int(n), m.d)) * np.sqrt(m.s)


def sample_surrogate(rng, m, n, lam):
    """One exact draw of the surrogate design for Gaussian features ("Exact sampling")."""
    d = m.d
    if n < d:
        keep = rng.random(d) < m.s / (m.s + lam)
        z = rng.standard_normal((int(keep.sum()), d))
        z[:, keep] = det2_block(rng, z.shape[0])
    else:
        z = np.vstack([det2_block(rng, d), rng.standard_normal((rng.poisson(n - d), d))])
    return z * np.sqrt(m.s)


def draw_error(m, x):
    """Rao-Blackwellised error of the min-norm estimator for one design X (rank min(K, d) a.s.):
    ||(I - X^+ X) w*||^2 + sigma^2 tr((X^T X)^+), by a thin QR of X (tall) or X^T (wide)."""
    k = x.shape[0]
    if k == 0:
        return float(m.w @ m.w)
    if k >= m.d:
        bias, r = 0.0, np.linalg.qr(x, mode="r")
    else:
        q, r = np.linalg.qr(x.T)
        resid = m.w - q @ (q.T @ m.w)
        bias = resid @ resid
    rinv = solve_triangular(r, np.eye(r.shape[0]))
    return bias + m.sigma2 * np.sum(rinv ** 2)


SAMPLERS = {"surrogate": sample_surrogate, "iid": sample_iid}


def monte_carlo(rng, m, n, lam, design, trials):
    """Mean, standard error and mean row count of the per-draw error over `trials` draws."""
    errs, rows = np.empty(trials), np.empty(trials)
    for t in range(trials):
        x = SAMPLERS[design](rng, m, n, lam)
        rows[t], errs[t] = x.shape[0], draw_error(m, x)
    return errs.mean(), errs.std(ddof=1) / np.sqrt(trials), rows.mean()


def sweep(m, ns, designs=(), trials=0, seed=1):
    """All output rows for the n grid; Monte Carlo for each design when trials > 0."""
    rng = np.random.default_rng(seed)
    out = []
    for n in ns:
        row = closed_forms(m, n)
        # The baseline's own rule: the per-draw error has infinite variance (i.i.d.) or a
        # non-negligible heavy-tailed part (surrogate, P(K = d) = alpha) near n = d.
        row["heavy_tail"] = abs(n - m.d) <= 3 or row["alpha"] > 0.01
        for design in designs if trials > 0 else ():
            if design == "iid" and (n != int(n) or abs(n - m.d) <= 1):
                continue  # non-integer n, or infinite i.i.d. MSE: no estimate
            mean, se, mean_rows = monte_carlo(rng, m, n, row["lambda"], design, trials)
            row[f"mc_{design}_mse"], row[f"mc_{design}_stderr"] = mean, se
            if design == "surrogate":
                row["mc_surrogate_mean_rows"] = mean_rows
        out.append(row)
    return out


def n_grid(args):
    """--ns / --n, else --n-min/--n-max/--points, else ddcalc's default grid."""
    if args.ns:
        return [float(v) for v in args.ns.split(",")]
    d = args.d
    if args.n_min is not None or args.n_max is not None or args.points is not None:
        points = args.points or 200
        lo = args.n_min if args.n_min is not None else 2 * d / points
        hi = args.n_max if args.n_max is not None else 2 * d
        return list(np.linspace(lo, hi, points))
    if 2 * d <= 400:
        return list(range(1, 2 * d + 1))
    return list(2 * d * np.arange(1, 201) / 200)


def fmt(v):
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    return repr(float(v))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["closed", "mc"], help="closed forms only, or with Monte Carlo")
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--spectrum", default="isotropic")
    p.add_argument("--wnorm", type=float, default=1.0)
    p.add_argument("--sigma", type=float, default=1.0)
    p.add_argument("--n", "--ns", dest="ns", help="comma-separated n values")
    p.add_argument("--n-min", type=float)
    p.add_argument("--n-max", type=float)
    p.add_argument("--points", type=int)
    p.add_argument("--design", choices=["surrogate", "iid", "both"], default="both")
    p.add_argument("--trials", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)

    m = Model(spectrum(args.spectrum, args.d), args.wnorm, args.sigma)
    ns = n_grid(args)
    designs = ["surrogate", "iid"] if args.design == "both" else [args.design]
    trials = args.trials if args.mode == "mc" else 0
    start = time.perf_counter()
    rows = sweep(m, ns, designs, trials, args.seed)
    elapsed = time.perf_counter() - start
    lines = [",".join(COLUMNS)] + [",".join(fmt(r.get(c)) for c in COLUMNS) for r in rows]
    sys.stdout.write("\n".join(lines) + "\n")
    print(f"elapsed_seconds={elapsed:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
