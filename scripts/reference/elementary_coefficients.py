#!/usr/bin/env python3
"""Derives every constant of the DDElementary module (Sources/DoubleDescent/Elementary) with mpmath.

Nothing is copied from another library: each polynomial is the Chebyshev interpolant (mpmath.chebyfit,
50 digits, then rounded to doubles) of the function named below on the interval named below, and the
script prints the worst error of the rounded polynomial on 4001 points of that interval, relative to
the function, so that the bound quoted in the Swift comments can be re-checked. Tables are values of
the stated formula split into a double and the double nearest to the remainder.

Run from the package root: python3 scripts/reference/elementary_coefficients.py
"""
import mpmath as mp

mp.mp.dps = 50


def fit(name, f, a, b, n):
    """n coefficients (lowest degree first) of the Chebyshev interpolant of f on [a, b], and the
    remainder of the constant term (for the polynomials evaluated with a double-double constant)."""
    a, b = mp.mpf(a), mp.mpf(b)
    exact = list(reversed(mp.chebyfit(f, [a, b], n)))
    coefficients = [float(c) for c in exact]
    worst = mp.mpf(0)
    for i in range(4001):
        x = a + (b - a) * i / 4000
        p = mp.mpf(0)
        for c in reversed(coefficients):
            p = p * x + c
        fx = f(x)
        worst = max(worst, abs(p - fx) / abs(fx))
    print(f"// {name} on [{mp.nstr(a, 6)}, {mp.nstr(b, 6)}], {n} terms, max relative error {mp.nstr(worst, 3)}")
    print("[" + ", ".join(repr(c) for c in coefficients) + "]")
    print(f"// constant term remainder {float(exact[0] - coefficients[0])!r}")
    print()


def split(name, value):
    hi = float(value)
    lo = float(value - hi)
    print(f"// {name} = {mp.nstr(value, 40)}: hi {hi!r}, lo {lo!r}")


def small(f, series):
    """f(t), with its Taylor value where the formula is 0/0."""
    return lambda t: series(t) if abs(t) < mp.mpf(10) ** -30 else f(t)


# log: log(1 + f) = 2 atanh(s) = 2 s + s R(z), s = f / (2 + f), z = s^2, R(z) = z g(z),
# g(z) = (2 atanh(sqrt z) / sqrt z - 2) / z = 2/3 + 2/5 z + 2/7 z^2 + ...; |s| <= 3 - 2 sqrt 2.
s_max = 3 - 2 * mp.sqrt(2)
fit("log g(z)", small(lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z, lambda z: mp.mpf(2) / 3 + 2 * z / 5),
    0, s_max ** 2 * (1 + mp.mpf(10) ** -6), 8)

# exp: x = (64 k + j) ln2/64 + r, exp(x) = 2^k 2^(j/64) exp(r); exp(r) - 1 by its Taylor series.
print("// 2^(j/64), j = 0..63, as (hi, lo)")
print("[" + ", ".join(f"({float(mp.power(2, mp.mpf(j) / 64))!r}, "
                      f"{float(mp.power(2, mp.mpf(j) / 64) - float(mp.power(2, mp.mpf(j) / 64)))!r})" for j in range(64)) + "]")
# ln2/64 hi keeps 42 fractional bits (36 significant), so n hi is exact for |n| < 2^17.
hi = mp.mpf(int(mp.log(2) / 64 * 2 ** 42)) / 2 ** 42
print(f"// ln2/64 hi (42 fractional bits) {float(hi)!r}, lo {float(mp.log(2) / 64 - hi)!r}")
print(f"// 64/ln2 {float(64 / mp.log(2))!r}")
# ln2 hi keeps 42 fractional bits (42 significant), so k hi is exact for |k| < 2^11.
hi = mp.mpf(int(mp.log(2) * 2 ** 42)) / 2 ** 42
print(f"// ln2 hi (42 fractional bits) {float(hi)!r}, lo {float(mp.log(2) - hi)!r}")
split("ln2", mp.log(2))
split("log(2 pi) / 2", mp.log(2 * mp.pi) / 2)
print()

# lgamma near its zeros and its minimum: lgamma(1 + t) = t A(t), lgamma(2 + t) = t B(t), lgamma(3/2 + t) = C(t).
fit("lgamma A(t) = lgamma(1 + t) / t", small(lambda t: mp.loggamma(1 + t) / t, lambda t: -mp.euler), -0.25, 0.25, 18)
fit("lgamma C(t) = lgamma(3/2 + t)", lambda t: mp.loggamma(mp.mpf(1.5) + t), -0.25, 0.25, 16)
fit("lgamma B(t) = lgamma(2 + t) / t", small(lambda t: mp.loggamma(2 + t) / t, lambda t: 1 - mp.euler), -0.25, 0.5, 16)
# Stirling: B_2k / (2k (2k - 1)) for k = 1..7.
print("// Stirling " + ", ".join(str(mp.bernoulli(2 * k) / (2 * k * (2 * k - 1))) for k in range(1, 8)))
print()

# erfc: erf(x) = x P(x^2) for |x| < 1/2; erfc(x) = exp(-x^2) F(x), F(x) = erfc(x) exp(x^2), in t = x - center.
fit("erf P(z) = erf(sqrt z) / sqrt z", small(lambda z: mp.erf(mp.sqrt(z)) / mp.sqrt(z), lambda z: 2 / mp.sqrt(mp.pi)),
    0, 0.25, 9)
erfcx = lambda x: mp.erfc(x) * mp.exp(x * x)
fit("erfc F(7/8 + t)", lambda t: erfcx(mp.mpf(0.875) + t), -0.375, 0.375, 16)
fit("erfc F(13/8 + t)", lambda t: erfcx(mp.mpf(1.625) + t), -0.375, 0.375, 14)
split("1/sqrt(pi)", 1 / mp.sqrt(mp.pi))
