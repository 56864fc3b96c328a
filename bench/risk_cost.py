#!/usr/bin/env python3
"""Cost per Monte Carlo trial of `--risk prediction` against the default estimation error.

Each case runs `ddcalc sweep` with one thread, alternating estimation and prediction runs (and a
`--trials 0` run that measures everything but the trials), seven times each in one session; the
time per trial is (median run - median closed-forms-only run) / (trials x jobs). The ratio is the
median over the seven rounds of each round's own ratio (prediction - none) / (estimation - none),
with its smallest and largest value: the runs of one round are seconds apart, so the machine's slow
drifts cancel in it. Prints a Markdown table for bench/RESULTS.md ("Prediction risk: cost per trial").

    python3 bench/risk_cost.py [path/to/ddcalc]
"""
import resource
import statistics
import subprocess
import sys

DDCALC = sys.argv[1] if len(sys.argv) > 1 else ".build/release/ddcalc"
REPS = 7

# (label, kernel, sweep arguments, trials, jobs per run)
CASES = [
    ("isotropic d=100, n=50,150, both designs", "IsotropicGaussianKernel",
     ["--d", "100", "--ns", "50,150"], 20000, 4),
    ("geometric:100 d=100, n=150, both designs (tall)", "GaussianKernel: WishartGramDraw",
     ["--d", "100", "--spectrum", "geometric:100", "--ns", "150"], 4000, 2),
    ("geometric:100 d=100, n=50, both designs (wide)", "GaussianKernel: WideGaussianDraw",
     ["--d", "100", "--spectrum", "geometric:100", "--ns", "50"], 4000, 2),
    ("geometric:100 d=100, n=70, both designs (wide)", "GaussianKernel: WideGaussianDraw",
     ["--d", "100", "--spectrum", "geometric:100", "--ns", "70"], 3000, 2),
    ("geometric:100 d=100, n=90, surrogate (wide, K near d)", "GaussianKernel: WideGaussianDraw",
     ["--d", "100", "--spectrum", "geometric:100", "--ns", "90", "--design", "surrogate"], 4000, 1),
    ("uniform geometric:10 d=20, n=10,30, both designs", "DesignRowsKernel (rejection sampler)",
     ["--d", "20", "--features", "uniform", "--spectrum", "geometric:10", "--ns", "10,30"], 300, 4),
    ("diabetes data set, n=5,15, both designs", "DesignRowsKernel (finite population)",
     ["--data", "data/diabetes/diabetes.csv", "--target", "progression", "--ns", "5,15"], 4000, 4),
]


def seconds(arguments):
    """CPU seconds (user + system) of one run: the machine is shared, so wall time is noisier."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([DDCALC, "sweep", "--threads", "1", "--format", "csv", "--seed", "1"] + arguments,
                   check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    print("| case | kernel | estimation us/trial | prediction us/trial | ratio (median of rounds) | ratio range |")
    print("|---|---|---|---|---|---|")
    for label, kernel, arguments, trials, jobs in CASES:
        runs = {"none": [], "estimation": [], "prediction": []}
        for _ in range(REPS):
            runs["none"].append(seconds(arguments + ["--trials", "0"]))
            runs["estimation"].append(seconds(arguments + ["--trials", str(trials)]))
            runs["prediction"].append(seconds(arguments + ["--trials", str(trials), "--risk", "prediction"]))
        base = statistics.median(runs["none"])
        per = {k: (statistics.median(v) - base) / (trials * jobs) * 1e6 for k, v in runs.items() if k != "none"}
        ratios = [(p - n) / (e - n) for n, e, p in zip(runs["none"], runs["estimation"], runs["prediction"])]
        print(f"| {label} | {kernel} | {per['estimation']:.2f} | {per['prediction']:.2f} | "
              f"{statistics.median(ratios):.2f} | {min(ratios):.2f}-{max(ratios):.2f} |", flush=True)


if __name__ == "__main__":
    main()
