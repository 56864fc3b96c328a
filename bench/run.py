#!/usr/bin/env python3
"""Times ddcalc against the numpy/scipy baseline (bench/baseline.py) on identical inputs.

    python3 bench/run.py --reps 5                # full benchmark -> bench/RESULTS.md
    python3 bench/run.py --quick --skip-ddcalc   # smoke run of the runner itself

Each case runs ddcalc and the baseline alternately (the order flips every repetition). ddcalc
is timed by wall clock around the process (start-up and output included); the baseline by its
own compute clock (`elapsed_seconds=` on stderr: interpreter start, imports and printing
excluded), which favours the baseline. A ddcalc case that cannot run (binary missing, a flag
not supported yet, a non-zero exit, a timeout) is reported as "not run" with the reason.
"""
import argparse
import csv
import datetime
import io
import os
import platform
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy

import internals

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SINGLE_THREAD = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
TOOLS = ("ddcalc", "baseline")


class NotRun(Exception):
    pass


@dataclass
class Case:
    tables: set                 # the tables of RESULTS.md it appears in
    key: dict                   # the row label: d, n, design, trials, spectrum
    commands: dict              # tool -> argv; a tool absent here is not timed
    times: dict = field(default_factory=lambda: {t: [] for t in TOOLS})
    baseline_wall: list = field(default_factory=list)
    output: dict = field(default_factory=dict)   # tool -> CSV text of the first repetition
    not_run: dict = field(default_factory=dict)  # tool -> reason


def num(x):
    """Plain decimal text for a number (no exponent for whole numbers)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def make_case(args, table, d, grid, trials=0, design=None, tools=TOOLS, n=None, spectrum=None):
    """The same model, grid, trials and seed, spelled for each tool."""
    spectrum = spectrum or args.closed_spectrum
    shared = ["--d", num(d), "--spectrum", spectrum] + grid
    mc = ["--trials", str(trials), "--seed", str(args.seed)] + (["--design", design] if design else [])
    ddcalc = [str(args.ddcalc), "sweep"] + shared + mc + ["--format", "csv"]
    threads = args.mc_threads if trials else args.closed_threads
    ddcalc += ["--threads", str(threads)] if threads else []
    baseline = [sys.executable, str(BENCH / "baseline.py"), "mc" if trials else "closed"] + shared + mc
    key = {"d": d, "n": n, "design": design, "trials": trials, "spectrum": spectrum}
    commands = {"ddcalc": ddcalc, "baseline": baseline}
    case = Case({table}, key, {t: commands[t] for t in tools})
    if args.skip_ddcalc and "ddcalc" in tools:
        case.not_run["ddcalc"] = "--skip-ddcalc"
    return case


def closed_grid(d, points):
    return ["--n-min", num(2 * d / points), "--n-max", num(2 * d), "--points", str(points)]


def build_cases(args):
    """All cases, in run order; a ddcalc command needed by two tables is run once (its case
    then carries both table names)."""
    specs = [("closed", d, closed_grid(d, args.points), 0, None, TOOLS, None) for d in args.closed_d]
    specs += [("mc", args.mc_d, ["--ns", num(n)], args.mc_trials, design, TOOLS, n, spectrum)
              for spectrum in args.mc_spectra for n in args.mc_n for design in ("surrogate", "iid")
              if design == "surrogate" or abs(n - args.mc_d) > 1]  # i.i.d. MSE is infinite at n = d
    specs += [("closed_scaling", d, closed_grid(d, args.points), 0, None, ("ddcalc",), None)
              for d in args.scaling_d]
    for spectrum in args.mc_spectra:
        for d in args.mc_scaling_d:
            trials = max(20, round(args.mc_trials * (args.mc_d / d) ** 2))  # roughly constant work per d
            specs += [("mc_scaling", d, ["--ns", num(1.5 * d)], trials, design, TOOLS, 1.5 * d, spectrum)
                      for design in ("surrogate", "iid")]
    cases = {}
    for spec in specs:
        case = make_case(args, *spec)
        same = cases.setdefault(tuple(case.commands["ddcalc"]), case)
        same.tables |= case.tables
    return list(cases.values())


def run_once(case, tool, timeout):
    """Runs one tool once; records its time and (first time) its output."""
    env = dict(os.environ, **SINGLE_THREAD)  # BLAS single-threaded; ddcalc's own threads: --threads
    start = time.perf_counter()
    try:
        proc = subprocess.run(case.commands[tool], capture_output=True, text=True, env=env,
                              timeout=timeout, cwd=REPO)
    except FileNotFoundError:
        raise NotRun(f"binary not found: {case.commands[tool][0]}")
    except OSError as e:
        raise NotRun(f"cannot start {case.commands[tool][0]}: {e.strerror}")
    except subprocess.TimeoutExpired:
        raise NotRun(f"timed out after {timeout:g} s")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or [""])[0]
        raise NotRun(f"exit {proc.returncode}: {first[:160]}")
    if tool == "baseline":
        case.baseline_wall.append(wall)
        wall = float(proc.stderr.rsplit("elapsed_seconds=", 1)[1])
    case.times[tool].append(wall)
    case.output.setdefault(tool, proc.stdout)


def run_case(case, reps, timeout):
    for r in range(reps):
        for tool in (TOOLS if r % 2 == 0 else TOOLS[::-1]):
            if tool in case.commands and tool not in case.not_run:
                try:
                    run_once(case, tool, timeout)
                except NotRun as e:
                    case.not_run[tool] = str(e)
    status = ", ".join(f"{t} {np.median(v):.3g} s" for t, v in case.times.items() if v)
    print(f"[{'+'.join(sorted(case.tables))}] {case.key}: {status or 'nothing ran'}"
          + "".join(f"; {t} not run ({why})" for t, why in case.not_run.items()), file=sys.stderr)


# ---------------------------------------------------------------- report

def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def value(row, col):
    try:
        return float(row.get(col) or "nan")
    except ValueError:
        return float("nan")


def cell(case, tool, unit=lambda seconds, trials: seconds):
    """'median (min-max)' of unit(seconds, trials) over the repetitions, or why it did not run."""
    if tool not in case.commands:
        return "-"
    v = np.array(case.times[tool], dtype=float)
    if v.size == 0:
        return f"not run ({case.not_run.get(tool, 'skipped')})"
    v = unit(v, case.key["trials"])
    return f"{np.median(v):.4g} ({v.min():.4g}-{v.max():.4g})"


def per_second(seconds, trials):
    return trials / seconds


def ms_per_trial(seconds, trials):
    return 1e3 * seconds / trials


def ratio(case):
    """baseline time / ddcalc time, both medians."""
    if case.times["ddcalc"] and case.times["baseline"]:
        return f"{np.median(case.times['baseline']) / np.median(case.times['ddcalc']):.3g}"
    return "n/a"


def closed_agreement(case):
    """Max relative difference of theory_mse between the two outputs, row by row."""
    if set(case.output) != set(TOOLS):
        return "n/a"
    a, b = rows_of(case.output["ddcalc"]), rows_of(case.output["baseline"])
    if len(a) != len(b):
        return f"row counts differ ({len(a)} vs {len(b)})"
    x = np.array([[value(r, "theory_mse"), value(s, "theory_mse")] for r, s in zip(a, b)])
    return f"{np.nanmax(np.abs(x[:, 0] - x[:, 1]) / np.abs(x[:, 1])):.1e}"


def mc_estimates(case):
    """'MSE +- stderr' of each tool for the case's design, and their difference in joint s.e."""
    design, out = case.key["design"], []
    for tool in TOOLS:
        rows = rows_of(case.output.get(tool, ""))
        out.append((value(rows[0], f"mc_{design}_mse"), value(rows[0], f"mc_{design}_stderr"))
                   if rows else (float("nan"),) * 2)
    (m1, s1), (m2, s2) = out
    z = (m1 - m2) / np.hypot(s1, s2)
    return [f"{m:.5g} +- {s:.2g}" if np.isfinite(m) else "-" for m, s in out] + \
           [f"{z:+.2f}" if np.isfinite(z) else "-"]


def growth(xs, ys):
    """Least-squares slope of log y on log x: the fitted growth exponent."""
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    ok = np.isfinite(ys) & (ys > 0)
    return f"{np.polyfit(np.log(xs[ok]), np.log(ys[ok]), 1)[0]:.2f}" if ok.sum() >= 2 else "n/a"


def median(case, tool):
    return np.median(case.times[tool]) if case.times.get(tool) else float("nan")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(map(str, r)) + " |" for r in rows]


def machine(ddcalc):
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return "unavailable"
    wanted = ("Architecture", "Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket",
              "CPU max MHz", "L1d cache", "L2 cache", "L3 cache")
    cpu = [ln for ln in sh(["lscpu"]).splitlines() if ln.split(":")[0].strip() in wanted]
    mem = next((ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "")
    blas = np.__config__.CONFIG["Build Dependencies"]["blas"]
    return ["```"] + cpu + [f"nproc: {sh(['nproc'])}", mem, f"kernel: {platform.platform()}",
                            f"load average at start: {os.getloadavg()}",
                            f"python {platform.python_version()}, numpy {np.__version__}, "
                            f"scipy {scipy.__version__}, BLAS {blas['name']} {blas.get('version', '')}",
                            f"ddcalc commit: {sh(['git', '-C', str(REPO), 'rev-parse', '--short', 'HEAD'])}",
                            "ddcalc binary: Swift runtime linked "
                            + ("dynamically" if "libswiftCore" in sh(["ldd", str(ddcalc)]) else "statically"),
                            "```"]


def report(args, cases, started, extra=(), extra_commands=()):
    by = lambda *t: [c for c in cases if c.tables & set(t)]
    out = ["# ddcalc vs numpy/scipy baseline", "",
           f"Date: {started:%Y-%m-%d %H:%M %Z}. Repetitions per case: {args.reps}, ddcalc and the baseline "
           "alternating. Cells are median (min-max). The ratio is baseline / ddcalc of the medians: "
           "above 1 means ddcalc is faster. ddcalc times are wall clock of the whole process; baseline "
           "times are its own compute clock (no interpreter start-up or imports), which favours the "
           "baseline. Both run with BLAS limited to one thread (OPENBLAS_NUM_THREADS=1 etc.); ddcalc's own "
           "worker threads are set by --threads.", "", "## Machine", ""]
    out += machine(args.ddcalc)
    out += ["", f"## Closed-form sweep ({args.closed_spectrum}, {args.points} values of n over (0, 2d], "
            f"ddcalc threads: {args.closed_threads or 'default (all cores)'})", "",
            "Seconds. 'max rel diff' compares theory_mse of the two outputs row by row.", ""]
    out += table(["d", "ddcalc s", "baseline s", "baseline wall s", "ratio", "max rel diff"],
                 [[num(c.key["d"]), cell(c, "ddcalc"), cell(c, "baseline"),
                   f"{np.median(c.baseline_wall):.4g}" if c.baseline_wall else "-", ratio(c),
                   closed_agreement(c)] for c in by("closed")])
    out += ["", f"## Monte Carlo, d = {args.mc_d}, one thread", "",
            "Trials per second (higher is better). ddcalc's figure includes its closed-form work for "
            "the point and process start-up (about 10 ms); nothing is subtracted. With an isotropic "
            "spectrum ddcalc draws each error from its exact law through the singular values "
            "(IsotropicGaussianDraw, docs/MATH.md \"Monte Carlo\"), so its time there is mostly start-up; "
            "any other spectrum draws the rows and solves by QR (K < d) or draws the Gram matrix by "
            "Bartlett (K >= d). The last columns compare the two estimates (difference in joint standard "
            "errors; near n = d the surrogate error is heavy tailed, so its s.e. is not trustworthy).", ""]
    out += table(["spectrum", "n", "design", "trials", "ddcalc trials/s", "baseline trials/s", "ratio",
                  "ddcalc MSE", "baseline MSE", "z"],
                 [[c.key["spectrum"], num(c.key["n"]), c.key["design"], c.key["trials"], cell(c, "ddcalc", per_second),
                   cell(c, "baseline", per_second), ratio(c)] + mc_estimates(c) for c in by("mc")])
    scaling = sorted(by("closed", "closed_scaling"), key=lambda c: c.key["d"])
    out += ["", "## Scaling of the closed-form sweep (ddcalc)", "",
            f"{args.points} points; seconds. Process start-up flattens the smallest sizes.", ""]
    out += table(["d", "ddcalc s"], [[num(c.key["d"]), cell(c, "ddcalc")] for c in scaling])
    out += ["", f"Fitted growth exponent (time ~ d^p): p = "
            f"{growth([c.key['d'] for c in scaling], [median(c, 'ddcalc') for c in scaling])}"]
    mcs = sorted(by("mc_scaling"), key=lambda c: (args.mc_spectra.index(c.key["spectrum"]), c.key["d"],
                                                  c.key["design"] == "iid"))
    out += ["", "## Scaling of Monte Carlo time per trial (n = 1.5 d, one thread)", "",
            "Milliseconds per trial, process start-up included (it dominates ddcalc's isotropic rows).", ""]
    out += table(["spectrum", "d", "design", "trials", "ddcalc ms/trial", "baseline ms/trial", "ratio"],
                 [[c.key["spectrum"], num(c.key["d"]), c.key["design"], c.key["trials"], cell(c, "ddcalc", ms_per_trial),
                   cell(c, "baseline", ms_per_trial), ratio(c)] for c in mcs])
    out += [""]
    for spectrum in args.mc_spectra:
        for design in ("surrogate", "iid"):
            rows = [c for c in mcs if c.key["design"] == design and c.key["spectrum"] == spectrum]
            fits = [f"{tool} p = {growth([c.key['d'] for c in rows], [median(c, tool) / c.key['trials'] for c in rows])}"
                    for tool in TOOLS]
            out.append(f"Fitted growth exponent of time per trial (~ d^p), {spectrum}, {design}: " + ", ".join(fits) + ".  ")
    out += list(extra)
    out += ["", "## Commands", "", "Each case, as run (from the repository root).", "", "```"]
    out += [shlex.join(cmd) for c in cases for cmd in c.commands.values()]
    out += [shlex.join(map(str, cmd)) for cmd in extra_commands]
    return "\n".join(out + ["```", ""])


def numbers(text, kind=float):
    """A comma-separated list ('' for none)."""
    return [kind(float(v)) for v in text.split(",") if v.strip()]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ddcalc", type=Path, default=REPO / ".build/release/ddcalc", help="ddcalc binary")
    p.add_argument("--skip-ddcalc", action="store_true", help="time the baseline only")
    p.add_argument("--reps", type=int, default=5, help="repetitions per case (default 5)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--points", type=int, default=1000, help="n values in the closed-form sweeps")
    p.add_argument("--closed-d", type=lambda s: numbers(s, int), default=[100_000, 1_000_000])
    p.add_argument("--closed-spectrum", default="geometric:1e12")
    p.add_argument("--closed-threads", type=int, help="--threads for ddcalc's closed-form runs "
                   "(default: not passed, ddcalc uses all cores)")
    p.add_argument("--scaling-d", type=lambda s: numbers(s, int), default=[10 ** k for k in range(3, 8)])
    p.add_argument("--mc-d", type=int, default=100)
    p.add_argument("--mc-n", type=numbers, default=[50, 100, 150, 200])
    p.add_argument("--mc-trials", type=int, default=2000)
    p.add_argument("--mc-spectra", type=lambda s: s.split(","), default=["isotropic", "geometric:100"],
                   help="spectra of the Monte Carlo cases, comma-separated (default isotropic,geometric:100)")
    p.add_argument("--mc-threads", type=int, default=1, help="--threads for ddcalc's Monte Carlo runs")
    p.add_argument("--mc-scaling-d", type=lambda s: numbers(s, int), default=[50, 100, 200, 400, 800])
    p.add_argument("--timeout", type=float, default=3600, help="seconds per single run")
    p.add_argument("--skip-comparison", action="store_true",
                   help="skip the ddcalc-vs-baseline tables (only the ddcalc-only sections below)")
    # ddcalc-only sections (bench/internals.py).
    p.add_argument("--bench", type=Path, default=REPO / ".build/release/ddcalc-bench",
                   help="ddcalc-bench binary (solver vs dgemm)")
    p.add_argument("--skip-solver", action="store_true", help="skip solver throughput vs dgemm")
    p.add_argument("--solver-sizes", type=lambda s: [tuple(map(int, x.split("x"))) for x in s.split(",")],
                   default=[(1000, 1500), (100, 150)], help="DxN,DxN,... (default 1000x1500,100x150)")
    p.add_argument("--solver-reps", type=int, default=7, help="samples per kernel (default 7)")
    p.add_argument("--gemm-size", type=int, default=1000, help="dgemm on G x G x G (default 1000)")
    p.add_argument("--skip-threads", action="store_true", help="skip the two-thread speed-up")
    p.add_argument("--threads-d", type=int, default=100)
    p.add_argument("--threads-trials", type=lambda s: numbers(s, int), default=[5000, 300],
                   help="trials of the two-thread runs, one per --mc-spectra entry (default 5000,300)")
    p.add_argument("--skip-allocs", action="store_true", help="skip the valgrind allocation counts")
    p.add_argument("--alloc-d", type=int, default=20)
    p.add_argument("--alloc-n", type=numbers, default=[10, 30])
    p.add_argument("--alloc-trials", type=int, default=20, help="T; the second run has 10 T")
    p.add_argument("--skip-memory", action="store_true", help="skip the peak-memory runs")
    p.add_argument("--memory-d", type=lambda s: numbers(s, int), default=[250, 500, 1000, 2000])
    p.add_argument("--memory-trials", type=int, default=100)
    p.add_argument("--memory-threads", type=int, default=2)
    p.add_argument("--skip-sampler", action="store_true", help="skip --sampler rows against exact-law")
    p.add_argument("--sampler-trials", type=int, default=1000,
                   help="trials of each --sampler run (d = --mc-d, n in --mc-n, --mc-spectra; default 1000)")
    p.add_argument("--portable", type=Path, default=None,
                   help="a ddcalc built without scripts/cpu-flags.sh, timed against --ddcalc (section 'Instruction set')")
    p.add_argument("--quick", action="store_true", help="tiny default sizes, for testing the runner")
    p.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = p.parse_args()
    if args.quick:  # tiny defaults; options given explicitly still win
        p.set_defaults(reps=2, closed_d=[1000, 10_000], scaling_d=[1000, 10_000], mc_d=20,
                       mc_n=[10, 20, 30, 40], mc_trials=50, mc_scaling_d=[10, 20, 40],
                       solver_sizes=[(200, 300), (50, 75)], solver_reps=3, gemm_size=200,
                       threads_d=20, threads_trials=[50, 50], alloc_trials=5, memory_d=[50, 100], memory_trials=10,
                       sampler_trials=50)
        args = p.parse_args()

    started = datetime.datetime.now().astimezone()
    cases = [] if args.skip_comparison else build_cases(args)
    for case in cases:
        run_case(case, args.reps, args.timeout)
    extra, extra_commands = [], []
    env = dict(os.environ, **SINGLE_THREAD)
    for name, section in (("solver", internals.solver), ("threads", internals.threads),
                          ("allocs", internals.allocs), ("memory", internals.memory), ("isa", internals.isa),
                          ("sampler", internals.sampler)):
        if getattr(args, f"skip_{name}", False):
            continue
        lines = section(args, env, REPO, extra_commands)
        print(f"[{name}] done", file=sys.stderr)
        extra += lines
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(args, cases, started, extra, extra_commands))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
