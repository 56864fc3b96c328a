#!/usr/bin/env python3
"""Independent high-precision reference values for the exact isotropic i.i.d. ridge risk.

The nonzero eigenvalues of W = X^T X (X with n i.i.d. N(0, I_d) rows) are those of an N x N real
Wishart matrix with M degrees of freedom, N = min(n, d), M = max(n, d): the Laguerre orthogonal
ensemble, joint density prop. to prod_{i<j} |x_i - x_j| prod_i w(x_i), w(x) = x^{(a-1)/2} e^{-x/2},
a = M - N. A linear statistic E sum_i f(x_i) is, by de Bruijn's Pfaffian integration formula
(docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows"), (1/2) tr(A^-1 B) with

    A_jk = int phi_j(x) eps[phi_k](x) dx,  eps[g](x) = int sign(y - x) g(y) dy,
    B_jk = int f(x) (phi_j eps[phi_k] - phi_k eps[phi_j])(x) dx,

for a basis phi_0..phi_{N-1} of w times the polynomials of degree < N (N even; for N odd the matrix
is bordered by u_j = int phi_j and its derivative int f phi_j). The basis is phi_0 = w/int w and
phi_{m+1} = psi_m' (m = 0..N-2), psi_m the orthonormal Laguerre functions of order a + 1, so that
eps[psi_m'] = -2 psi_m and eps[phi_0] = 1 - 2 P((a+1)/2, x/2) (regularized incomplete gamma).

Everything is integrated in t = sqrt(x) (smooth integrands: no half-integer powers) by Gauss-Legendre
panels graded geometrically towards t = 0 at the scale sqrt(lambda), in mpmath at 24 digits. The
module also checks the formula against brute force (direct integration of the joint density at N = 2
and 3) and the Wishart moments; run `python3 scripts/reference/loe_reference.py check` for those.

Writes Tests/DoubleDescentTests/Theory/IsotropicRidgeReferenceTable.swift: per (n, d, lambda) the two
risk factors E sum lambda^2/(mu + lambda)^2 and E sum mu/(mu + lambda)^2 over the nonzero eigenvalues
mu of W, and g1 = E tr (W + lambda)^-1, g2 = E tr (W + lambda)^-2 (lambda > 0). Nothing here shares
code with ddcalc.

Run from the package root: python3 scripts/reference/loe_reference.py
"""
import os
import sys

import mpmath as mp

mp.mp.dps = 24
OUT = os.path.join("Tests", "DoubleDescentTests", "Theory", "IsotropicRidgeReferenceTable.swift")


def gauss_legendre(k):
    """Nodes and weights of the k-point Gauss-Legendre rule on [-1, 1], by Newton in mpmath."""
    nodes, weights = [], []
    for i in range(1, k + 1):
        x = mp.cos(mp.pi * (i - mp.mpf(1) / 4) / (k + mp.mpf(1) / 2))
        for _ in range(100):
            p0, p1 = mp.mpf(1), x
            for j in range(2, k + 1):
                p0, p1 = p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j
            dp = k * (x * p1 - p0) / (x * x - 1)
            step = p1 / dp
            x -= step
            if abs(step) < mp.mpf(10) ** (-mp.mp.dps + 2):
                break
        nodes.append(x)
        weights.append(2 / ((1 - x * x) * dp * dp))
    return nodes, weights


GL = {}


def panels(lam, tmax, width, points):
    """Gauss-Legendre nodes and weights in t on [0, tmax]: geometric panels (ratio 1/2) from the
    first uniform panel down to sqrt(lambda)/64, one panel [0, that], then uniform panels."""
    if points not in GL:
        GL[points] = gauss_legendre(points)
    z, q = GL[points]
    cuts = [mp.mpf(0)]
    inner = mp.sqrt(lam) / 64 if lam > 0 else mp.mpf(0)
    edge = mp.mpf(width)
    geometric = []
    e = edge
    while inner > 0 and e / 2 > inner:
        e /= 2
        geometric.append(e)
    cuts += sorted(geometric)
    t = edge
    while t < tmax:
        cuts.append(t)
        t += width
    cuts.append(t)
    ts, ws = [], []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        half, mid = (hi - lo) / 2, (hi + lo) / 2
        for zi, qi in zip(z, q):
            ts.append(mid + half * zi)
            ws.append(half * qi)
    return ts, ws


def laguerre_functions(x, alpha, count):
    """psi_m(x) = sqrt(m!/Gamma(m+alpha+1)) x^{alpha/2} e^{-x/2} L_m^alpha(x) and x psi_m'(x),
    m < count, by the orthonormal three-term recurrence."""
    psi = [mp.sqrt(mp.exp(alpha * mp.log(x) - x - mp.loggamma(alpha + 1)))]
    if count > 1:
        psi.append((alpha + 1 - x) * psi[0] / mp.sqrt(1 + alpha))
    for m in range(1, count - 1):
        psi.append(((2 * m + alpha + 1 - x) * psi[m] - mp.sqrt(m * (m + alpha)) * psi[m - 1])
                   / mp.sqrt((m + 1) * (m + 1 + alpha)))
    xdpsi = [(alpha / 2 - x / 2 + m) * psi[m] - (mp.sqrt(m * (m + alpha)) * psi[m - 1] if m > 0 else 0)
             for m in range(count)]
    return psi, xdpsi


def statistics(N, M, fs, lam, width=mp.mpf("0.5"), points=16):
    """E sum_i f(x_i) over the LOE(N, M) eigenvalues for each (f, f') in fs (functions of x)."""
    a = M - N
    s = mp.mpf(a + 1) / 2
    tmax = mp.sqrt(4 * (M + N) + 60 * mp.sqrt(M + N) + 200)
    ts, ws = panels(lam, tmax, width, points)
    K = N - 1
    C = mp.zeros(K, K)
    v = [mp.mpf(0)] * K
    Bs = [(mp.zeros(K, K), [mp.mpf(0)] * K, [mp.mpf(0)] * K, [mp.mpf(0)]) for _ in fs]
    lognorm = s * mp.log(2) + mp.loggamma(s)
    for t, wt in zip(ts, ws):
        if t == 0:
            continue
        x = t * t
        q = 2 * t * wt  # dx = 2 t dt
        w0 = mp.exp((a - 1) * mp.log(x) / 2 - x / 2 - lognorm)
        E = 1 - 2 * mp.gammainc(s, 0, x / 2, regularized=True)
        psi, xdpsi = laguerre_functions(x, a + 1, K)
        dpsi = [u / x for u in xdpsi]
        for l in range(K):
            v[l] += q * w0 * psi[l]
            for m in range(K):
                C[l, m] += q * dpsi[l] * psi[m]
        for (f, fp), (Bpp, b0, du, du0) in zip(fs, Bs):
            fx, fpx = f(x), fp(x)
            du0[0] += q * w0 * fx
            for l in range(K):
                b0[l] += q * (-4 * fx * w0 * psi[l] + psi[l] * fpx * E)
                du[l] += -q * psi[l] * fpx
                for m in range(K):
                    Bpp[l, m] += -2 * q * fx * (dpsi[l] * psi[m] - dpsi[m] * psi[l])
    size = N if N % 2 == 0 else N + 1
    A = mp.zeros(size, size)
    for m in range(K):
        A[0, m + 1] = -2 * v[m]
        A[m + 1, 0] = 2 * v[m]
        for l in range(K):
            A[l + 1, m + 1] = -2 * C[l, m]
    if N % 2 == 1:
        A[0, N] = 1
        A[N, 0] = -1
    Ainv = A ** -1
    out = []
    for Bpp, b0, du, du0 in Bs:
        B = mp.zeros(size, size)
        for m in range(K):
            B[0, m + 1] = b0[m]
            B[m + 1, 0] = -b0[m]
            for l in range(K):
                B[l + 1, m + 1] = Bpp[l, m]
        if N % 2 == 1:
            B[0, N] = du0[0]
            B[N, 0] = -du0[0]
            for m in range(K):
                B[m + 1, N] = du[m]
                B[N, m + 1] = -du[m]
        out.append(sum(Ainv[i, j] * B[j, i] for i in range(size) for j in range(size)) / 2)
    return out


def risk_factors(n, d, lam, **kw):
    """(E sum lambda^2/(mu+lambda)^2, E sum mu/(mu+lambda)^2) over the nonzero eigenvalues mu."""
    N, M = min(n, d), max(n, d)
    lam = mp.mpf(lam)
    fs = [(lambda x: (lam / (x + lam)) ** 2, lambda x: -2 * lam ** 2 / (x + lam) ** 3),
          (lambda x: x / (x + lam) ** 2, lambda x: (lam - x) / (x + lam) ** 3)]
    return statistics(N, M, fs, lam, **kw)


# ---------------------------------------------------------------- checks against brute force

def joint_density_expectation(N, M, f):
    """E sum f(x_i) by direct integration of prod |x_i - x_j| prod w(x_i) over the ordered region
    x_1 < ... < x_N (no kinks), in x = t^2 (smooth), N = 2 or 3, with scipy."""
    from scipy import integrate
    import math
    a = M - N

    def w(x):
        return x ** ((a - 1) / 2) * math.exp(-x / 2)

    T = math.sqrt(4 * (M + N) + 60 * math.sqrt(M + N) + 200)
    if N == 2:
        def g(t1, t2, h):
            x1, x2 = t1 * t1, t2 * t2
            return (x2 - x1) * w(x1) * w(x2) * 4 * t1 * t2 * h(x1, x2)
        def run(h):
            return integrate.dblquad(lambda t1, t2: g(t1, t2, h), 0, T, 0, lambda t2: t2,
                                     epsabs=0, epsrel=1e-13)[0]
        return run(lambda x1, x2: f(x1) + f(x2)) / run(lambda x1, x2: 1.0)
    def g3(t1, t2, t3, h):
        x1, x2, x3 = t1 * t1, t2 * t2, t3 * t3
        return ((x2 - x1) * (x3 - x1) * (x3 - x2) * w(x1) * w(x2) * w(x3) * 8 * t1 * t2 * t3 * h(x1, x2, x3))
    def run3(h):
        return integrate.tplquad(lambda t1, t2, t3: g3(t1, t2, t3, h), 0, T, 0, lambda t3: t3,
                                 0, lambda t3, t2: t2, epsabs=0, epsrel=1e-11)[0]
    return run3(lambda x, y, z: f(x) + f(y) + f(z)) / run3(lambda x, y, z: 1.0)


def check():
    worst = 0
    # Brute force at N = 2 and 3.
    for N, M, lam in [(2, 2, 0.5), (2, 3, 0.1), (2, 5, 2.0), (2, 8, 0.01), (3, 3, 0.5), (3, 4, 1.0), (3, 7, 0.05)]:
        for name, f, fp in [("1/(x+l)", lambda x: 1 / (x + lam), lambda x: -1 / (x + lam) ** 2),
                            ("1/(x+l)^2", lambda x: 1 / (x + lam) ** 2, lambda x: -2 / (x + lam) ** 3)]:
            exact = statistics(N, M, [(lambda x: f(x), lambda x: fp(x))], mp.mpf(lam))[0]
            brute = joint_density_expectation(N, M, lambda x: float(f(x)))
            rel = abs(exact - brute) / abs(brute)
            worst = max(worst, rel)
            print(f"N={N} M={M} lambda={lam} {name}: pfaffian {mp.nstr(exact, 15)} brute {brute:.15g} rel {float(rel):.2e}")
    # Moments.
    for N, M in [(1, 5), (2, 9), (5, 5), (5, 6), (6, 13), (7, 12), (10, 30), (11, 16)]:
        a = M - N
        cases = [("tr W", lambda x: x, lambda x: 1, N * M),
                 ("tr W^2", lambda x: x * x, lambda x: 2 * x, N * M * (N + M + 1))]
        if a >= 2:
            cases.append(("tr W^-1", lambda x: 1 / x, lambda x: -1 / x ** 2, mp.mpf(N) / (a - 1)))
        if a >= 4:
            cases.append(("tr W^-2", lambda x: 1 / x ** 2, lambda x: -2 / x ** 3,
                          mp.mpf(N * (M - 1)) / (a * (a - 1) * (a - 3))))
        for name, f, fp, want in cases:
            got = statistics(N, M, [(f, fp)], mp.mpf(0))[0]
            rel = abs(got - want) / want
            worst = max(worst, rel)
            print(f"N={N} M={M} {name}: {mp.nstr(got, 20)} want {mp.nstr(mp.mpf(want), 20)} rel {mp.nstr(rel, 3)}")
    print("worst relative error", float(worst))


# ---------------------------------------------------------------- the table

POINTS = [
    # (n, d, lambdas); lambda = 1e-10 and 1e10 are the ends of the validated range.
    (2, 1, [0, "0.25", 3]),
    (1, 3, ["0.5", 2]),
    (5, 5, ["1e-10", "1e-3", "0.5", 4, "1e10"]),
    (9, 4, [0, "1e-6", "0.3", 10]),
    (3, 8, [0, "1e-10", "1e-4", "0.7", 25]),
    (20, 10, [0, "0.1", 2, 50]),
    (10, 20, [0, "1e-8", "0.1", 2, 50]),
    (19, 20, ["1e-3", "0.5", 8]),
    (21, 20, ["1e-10", "1e-3", "0.5", 8, "1e10"]),
    (23, 20, [0, "1e-2", 3]),
    (40, 25, [0, "1e-5", "0.5", 30, "1e10"]),
    (25, 60, [0, "0.5", 30]),
]

def row(point):
    n, d, lam = point
    lam = mp.mpf(lam)
    N, M = min(n, d), max(n, d)
    inverse = [(lambda x: 1 / x, lambda x: -1 / x ** 2)]
    if lam == 0:
        (var,) = statistics(N, M, inverse, lam)
        (var2,) = statistics(N, M, inverse, lam, width=mp.mpf("0.4"), points=20)
        bias = bias2 = mp.mpf(0)
    else:
        bias, var = risk_factors(n, d, lam)
        # Convergence: the same at a finer rule.
        bias2, var2 = risk_factors(n, d, lam, width=mp.mpf("0.4"), points=20)
    err = max(abs(bias - bias2) / (abs(bias) + mp.mpf(10) ** -300), abs(var - var2) / var)
    zeros = max(d - n, 0)
    g1 = (var + bias / lam + zeros / lam) if lam > 0 else None
    g2 = (bias + zeros) / lam ** 2 if lam > 0 else None
    print(f"n={n} d={d} lambda={mp.nstr(lam, 6)} bias {mp.nstr(bias, 20)} var {mp.nstr(var, 20)} conv {mp.nstr(err, 3)}",
          flush=True)
    return (n, d, lam, bias, var, g1, g2)


def table():
    from multiprocessing import Pool
    points = [(n, d, lam) for n, d, lams in POINTS for lam in lams if not (lam == 0 and abs(n - d) < 2)]
    # Largest first, two processes.
    order = sorted(range(len(points)), key=lambda i: -min(points[i][0], points[i][1]))
    with Pool(2) as pool:
        done = dict(zip(order, pool.map(row, [points[i] for i in order], chunksize=1)))
    rows = [done[i] for i in range(len(points))]
    with open(OUT, "w") as out:
        out.write("// Generated by scripts/reference/loe_reference.py (mpmath, 24 digits): do not edit.\n")
        out.write("// Per (n, d, lambda): E sum lambda^2/(mu+lambda)^2 and E sum mu/(mu+lambda)^2 over the nonzero\n")
        out.write("// eigenvalues mu of W = X^T X, X with n i.i.d. N(0, I_d) rows; g1 = E tr (W+lambda)^-1 and\n")
        out.write("// g2 = E tr (W+lambda)^-2 (nil at lambda = 0).\n")
        out.write("let isotropicRidgeReferenceTable: [(n: Int, d: Int, lambda: Double, bias: Double, variance: Double, g1: Double?, g2: Double?)] = [\n")
        def num(x):
            return "nil" if x is None else mp.nstr(x, 20, min_fixed=-1, max_fixed=-1)
        for n, d, lam, bias, var, g1, g2 in rows:
            out.write(f"    ({n}, {d}, {num(lam)}, {num(bias)}, {num(var)}, {num(g1)}, {num(g2)}),\n")
        out.write("]\n")
    print("wrote", OUT)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        check()
    else:
        table()
