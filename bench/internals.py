"""ddcalc-only measurements for bench/run.py (issue 7): no baseline is involved.

1. solver   - MinNormSolver.conditionalError GFLOP/s next to cblas_dgemm's, one thread, from the
              ddcalc-bench executable (Sources/ddcalc-bench/main.swift states the flop count).
2. threads  - wall time of one Monte Carlo sweep with --threads 1 and --threads 2, alternating.
3. allocs   - heap allocations (valgrind) of a sweep at T and 10 T trials: they must not grow with T.
4. memory   - peak RSS (/usr/bin/time -v) of sweeps at the largest points for several d.
5. isa      - the portable build against the AVX2 one (with --portable).
6. sampler  - trials per second of `--sampler rows` next to the default `--sampler exact-law`.

Each function returns a list of Markdown lines and appends the commands it ran to `commands`.
"""
import csv
import io
import os
import re
import resource
import shutil
import subprocess
import time

import numpy as np


def _load():
    return "load average %.2f, %.2f, %.2f" % os.getloadavg()


def _summary(values, fmt="{:.4g}"):
    v = np.asarray(values, float)
    return (fmt + " (" + fmt + "-" + fmt + ")").format(np.median(v), v.min(), v.max())


def _growth(xs, ys):
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    ok = np.isfinite(ys) & (ys > 0)
    return f"{np.polyfit(np.log(xs[ok]), np.log(ys[ok]), 1)[0]:.2f}" if ok.sum() >= 2 else "n/a"


def _table(header, rows):
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + \
           ["| " + " | ".join(map(str, r)) + " |" for r in rows]


def _run(argv, env, timeout, cwd):
    """(wall seconds, child CPU seconds, CompletedProcess) or raises RuntimeError with the reason."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    except FileNotFoundError:
        raise RuntimeError(f"binary not found: {argv[0]}")
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"timed out after {timeout:g} s")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or [""])[-1]
        raise RuntimeError(f"exit {proc.returncode}: {first[:160]}")
    return wall, cpu, proc


def _sweep(ddcalc, d, trials, extra):
    return [str(ddcalc), "sweep", "--d", str(d), "--trials", str(trials), "--format", "csv"] + extra


# ---------------------------------------------------------------- 1. solver vs dgemm

def solver(args, env, repo, commands):
    argv = [str(args.bench), "--csv", "--reps", str(args.solver_reps), "--gemm", str(args.gemm_size),
            "--sizes", ",".join(f"{d}x{n}" for d, n in args.solver_sizes),
            "--mc", "{}x{}".format(*args.solver_sizes[0])]
    commands.append(argv)
    out = ["", "## Solver throughput vs dgemm (one thread)", "",
           "`ddcalc-bench` (Sources/ddcalc-bench/main.swift) times MinNormSolver.conditionalError on one "
           "i.i.d. N(0, 1) design with n rows and d columns, interleaved in the same process with "
           f"cblas_dgemm on {args.gemm_size}^3, OpenBLAS pinned to one thread. Flops: with m = min(n, d), "
           "N = max(n, d): QR 2 N m^2 - 2 m^3/3, triangular inverse m^3/3, norms 4 m^2. Each sample lasts "
           f"about 50 ms; median (min-max) of {args.solver_reps} samples. Target: the solve at >= 0.5 x "
           "dgemm's GFLOP/s. The Monte Carlo itself solves a tall Gaussian draw differently: it draws "
           "the Gram matrix by Bartlett's decomposition and inverts the d x d triangle (WishartGramDraw). "
           "The monteCarloTrial row times whole i.i.d. trials of MonteCarloSimulator at that point "
           "(geometric:100 spectrum, 20 trials per sample) and counts only the inverse's d^3/3 flops, so "
           "its rate is a lower bound.", ""]
    load = _load()
    try:
        _, _, proc = _run(argv, env, args.timeout, repo)
    except RuntimeError as e:
        return out + [f"not run ({e})"]
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    table = []
    for r in rows:
        f = float(r["flops"])
        ms = [1e3 * float(r[k]) for k in ("median_s", "min_s", "max_s")]  # per call or per trial
        ratio = float(r["ratio_to_dgemm"])
        table.append([r["kernel"], r["d"], r["n"], f"{f / 1e9:.4g}",
                      f"{ms[0]:.4g} ({ms[1]:.4g}-{ms[2]:.4g})", f"{float(r['gflops']):.3g}",
                      f"{ratio:.2f}", "" if r["kernel"] == "dgemm" else ("yes" if ratio >= 0.5 else "no")])
    out += _table(["kernel", "d", "n", "GFLOP", "ms per call or trial", "GFLOP/s", "x dgemm", ">= 0.5"], table)
    return out + ["", f"Machine load when it started: {load}."]


# ---------------------------------------------------------------- 2. two threads

def threads(args, env, repo, commands):
    out = []
    for spectrum, trials in zip(args.mc_spectra, args.threads_trials):
        out += _threads(args, env, repo, commands, spectrum, trials)
    return out


def _threads(args, env, repo, commands, spectrum, trials):
    d = args.threads_d
    argv = {t: _sweep(args.ddcalc, d, trials, ["--spectrum", spectrum, "--threads", str(t)]) for t in (1, 2)}
    commands += [argv[1], argv[2]]
    out = ["", f"## Two-thread speed-up of a Monte Carlo sweep (d = {d}, {spectrum}, {trials} trials, default grid)", "",
           "Wall time of the whole process with --threads 1 and --threads 2, alternating (the order flips "
           "every repetition); OpenBLAS pinned to one thread. CPU is user + system time of the process; "
           "'CPU / wall' near the thread count means the threads were busy, lower means they waited (for "
           "each other or for a core taken by another process). The two outputs must be identical.", ""]
    times = {1: [], 2: []}
    cpus = {1: [], 2: []}
    outputs = {}
    loads = [_load()]
    try:
        for r in range(args.reps):
            for t in ((1, 2) if r % 2 == 0 else (2, 1)):
                wall, cpu, proc = _run(argv[t], env, args.timeout, repo)
                times[t].append(wall)
                cpus[t].append(cpu)
                outputs.setdefault(t, proc.stdout)
        loads.append(_load())
    except RuntimeError as e:
        return out + [f"not run ({e})"]
    rows = [[t, _summary(times[t]), _summary(cpus[t]), f"{np.median(np.array(cpus[t]) / np.array(times[t])):.2f}"]
            for t in (1, 2)]
    out += _table(["threads", "wall s", "CPU s", "CPU / wall"], rows)
    speedup = np.median(times[1]) / np.median(times[2])
    paired = np.array(times[1]) / np.array(times[2])
    out += ["", f"Speed-up (median wall, 1 thread / 2 threads): **{speedup:.2f}x** (target >= 1.8); per "
            f"repetition: {', '.join(f'{x:.2f}' for x in paired)}. Outputs identical: "
            f"{'yes' if outputs[1] == outputs[2] else 'NO'}. Machine {loads[0]} before, {loads[-1]} after."]
    return out


# ---------------------------------------------------------------- 3. allocations per trial

HEAP = re.compile(r"total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes allocated")


def allocs(args, env, repo, commands):
    d, base = args.alloc_d, args.alloc_trials
    out = ["", f"## Heap allocations against the number of trials (d = {d}, one thread)", "",
           "valgrind (memcheck) counts every malloc/new of the whole process. A sweep at one point with "
           f"T = {base} and 10 T = {10 * base} trials: if the trial loop allocated, the count would grow "
           "by at least 9 T. 'per extra trial' = (allocs(10 T) - allocs(T)) / 9 T.", ""]
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return out + ["not run (valgrind not found)"]
    rows = []
    for spectrum, n in ((spectrum, n) for spectrum in args.mc_spectra for n in args.alloc_n):
        for design in ("surrogate", "iid"):
            counts = []
            for trials in (base, 10 * base):
                argv = [valgrind, "--tool=memcheck", "--error-exitcode=0"] + \
                    _sweep(args.ddcalc, d, trials, ["--spectrum", spectrum, "--ns", str(n), "--design", design,
                                                    "--threads", "1"])
                commands.append(argv)
                try:
                    _, _, proc = _run(argv, env, args.timeout, repo)
                    m = HEAP.search(proc.stderr)
                    if not m:
                        raise RuntimeError("no heap summary in valgrind's output")
                    counts.append((int(m[1].replace(",", "")), int(m[3].replace(",", ""))))
                except RuntimeError as e:
                    counts.append(None)
                    rows.append([spectrum, n, design, trials, f"not run ({e})", "", ""])
            if None not in counts:
                (a1, b1), (a10, b10) = counts
                rows.append([spectrum, n, design, f"{base} / {10 * base}", f"{a1} / {a10}", f"{b1} / {b10}",
                             f"{(a10 - a1) / (9 * base):.3f}"])
    return out + _table(["spectrum", "n", "design", "trials T / 10 T", "allocs", "bytes allocated", "per extra trial"], rows)


# ---------------------------------------------------------------- 4. peak memory

RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def memory(args, env, repo, commands):
    trials, threads = args.memory_trials, args.memory_threads
    spectrum = "geometric:100"
    out = ["", f"## Peak memory at the largest points ({spectrum}, {trials} trials, both designs, {threads} threads)", "",
           f"Max RSS from /usr/bin/time -v of `sweep --spectrum {spectrum} --n-min 1.9d --n-max 2d --points 2`: the "
           "two largest n of the default grid, whose draws have the most rows. (An isotropic spectrum would "
           "hold no matrix at all: its draws need O(d) memory, see the last line.) Each worker allocates a "
           "buffer the first time it needs it: these tall Gaussian draws use only the d x d Bartlett factor "
           "of their Gram matrix and d indices, so 'workspace model' is d^2 + d doubles per thread.", ""]
    timer = "/usr/bin/time"
    if not os.access(timer, os.X_OK):
        return out + ["not run (/usr/bin/time not found)"]
    # The fixed footprint of a process (code, runtime, tables): a sweep at d = 10.
    try:
        _, _, proc = _run([timer, "-v"] + _sweep(args.ddcalc, 10, trials, ["--spectrum", spectrum, "--points", "2",
                                                                           "--threads", str(threads)]),
                          env, args.timeout, repo)
        floor = int(RSS.search(proc.stderr)[1])
    except RuntimeError as e:
        return out + [f"not run ({e})"]
    ds, rss, rows = [], [], []
    for d in args.memory_d:
        argv = [timer, "-v"] + _sweep(args.ddcalc, d, trials, ["--spectrum", spectrum, "--n-min", str(19 * d // 10),
                                                               "--n-max", str(2 * d), "--points", "2",
                                                               "--threads", str(threads)])
        commands.append(argv)
        try:
            wall, _, proc = _run(argv, env, args.timeout, repo)
        except RuntimeError as e:
            rows.append([d, f"not run ({e})", "", "", ""])
            continue
        kb = int(RSS.search(proc.stderr)[1])
        model = threads * 8 * (d * d + d) / 2 ** 20
        ds.append(d)
        rss.append(kb)
        rows.append([d, f"{kb / 1024:.1f}", f"{(kb - floor) / 1024:.1f}", f"{model:.1f}",
                     f"{(kb - floor) * 1024 / d ** 2:.1f}", f"{wall:.1f}"])
    out += _table(["d", "max RSS MiB", "above d = 10, MiB", "workspace model MiB", "above d = 10 / d^2, bytes",
                   "wall s"], rows)
    # The process's fixed footprint (code, runtime) flattens small d; fit the growth above it.
    out += ["", f"Fitted growth exponent of (max RSS - {floor / 1024:.1f} MiB) ~ d^p: p = "
            f"{_growth(ds, [r - floor for r in rss])} (2 means O(d^2)); {floor / 1024:.1f} MiB is the max RSS "
            f"of the same sweep at d = 10, the process's fixed footprint. {_load()} at the end."]
    # The whole default sweep at d = 1000, as the issue states it.
    d = 1000
    argv = [timer, "-v"] + _sweep(args.ddcalc, d, trials, ["--threads", str(threads)])
    commands.append(argv)
    try:
        wall, _, proc = _run(argv, env, args.timeout, repo)
        out += ["", f"The whole sweep, `ddcalc sweep --d {d} --trials {trials}` (default grid and isotropic "
                f"spectrum, {threads} threads): max RSS {int(RSS.search(proc.stderr)[1]) / 1024:.1f} MiB, "
                f"wall {wall:.2f} s."]
    except RuntimeError as e:
        out += ["", f"The whole sweep at d = {d}: not run ({e})"]
    return out


# ---------------------------------------------------------------- 5. instruction set

def isa(args, env, repo, commands):
    """The same code built with and without `scripts/cpu-flags.sh` (AVX2 and FMA), alternating."""
    if args.portable is None:
        return []
    cases = [("closed form, d = 1e5", _sweep(None, 100_000, 0, ["--spectrum", "geometric:1e12", "--points", "1000"])),
             ("closed form, d = 1e6", _sweep(None, 1_000_000, 0, ["--spectrum", "geometric:1e12", "--points", "1000"])),
             ("Monte Carlo, d = 100, isotropic, n = 50, 150", _sweep(None, 100, 4000, ["--ns", "50,150", "--threads", "1"])),
             ("Monte Carlo, d = 100, geometric:100, n = 50, 150",
              _sweep(None, 100, 1000, ["--spectrum", "geometric:100", "--ns", "50,150", "--threads", "1"]))]
    binaries = {"portable": args.portable, "haswell": args.ddcalc}
    out = ["", "## Instruction set: the portable build against AVX2 and FMA", "",
           "The package sets no CPU flags, so any package can depend on it and its build runs on any x86-64 "
           "CPU. The README's build adds `-Xswiftc -target-cpu -Xswiftc haswell` through `scripts/cpu-flags.sh` "
           "only where the CPU has every instruction set that target uses. Wall time of the whole process, the "
           f"two binaries alternating, median of {args.reps}; the outputs must be identical (same bits).", ""]
    rows, loads = [], [_load()]
    try:
        for name, argv in cases:
            argv = argv[1:]
            commands += [[str(args.portable)] + argv]
            times = {k: [] for k in binaries}
            outputs = {}
            for r in range(args.reps):
                for k in (binaries if r % 2 == 0 else reversed(list(binaries))):
                    wall, _, proc = _run([str(binaries[k])] + argv, env, args.timeout, repo)
                    times[k].append(wall)
                    outputs.setdefault(k, proc.stdout)
            ratio = np.median(times["portable"]) / np.median(times["haswell"])
            rows.append([name, _summary(times["portable"]), _summary(times["haswell"]), f"{ratio:.2f}x",
                         "yes" if outputs["portable"] == outputs["haswell"] else "NO"])
        loads.append(_load())
    except RuntimeError as e:
        return out + [f"not run ({e})"]
    out += _table(["case", "portable s", "haswell s", "portable / haswell", "same bits"], rows)
    return out + ["", f"Machine {loads[0]} before, {loads[-1]} after."]


# ---------------------------------------------------------------- 6. the two samplers

SAMPLERS = ("exact-law", "rows")


def sampler(args, env, repo, commands):
    """`--sampler rows` (every design drawn as rows and solved) next to the default exact-law sampler."""
    d, trials = args.mc_d, args.sampler_trials
    out = ["", f"## Sampler: explicit rows against the exact law (d = {d}, one thread)", "",
           "`ddcalc sweep --sampler exact-law` (the default: Gaussian errors from their exact laws) and "
           "`--sampler rows` (every design drawn as explicit rows and solved by LAPACK's QR) on the same "
           f"one-point sweep, {trials} trials, alternating (the order flips every repetition), median (min-max) "
           f"of {args.reps} wall-clock runs of the whole process, start-up included (it dominates the "
           "fastest exact-law runs). 'rows / exact-law' is the ratio of the trials per second. The last "
           "columns compare the two estimates: z is their difference over the joint standard error (the two "
           "share each surrogate trial's row count, so it is conservative); near n = d the surrogate error "
           "is heavy tailed and its standard error is not trustworthy.", ""]
    rows, loads = [], [_load()]
    try:
        for spectrum in args.mc_spectra:
            for n in args.mc_n:
                for design in ("surrogate", "iid"):
                    if design == "iid" and abs(n - d) <= 1:
                        continue  # the i.i.d. MSE is infinite there
                    argv = {s: _sweep(args.ddcalc, d, trials, ["--spectrum", spectrum, "--ns", f"{n:g}", "--design", design,
                                                               "--threads", "1", "--sampler", s]) for s in SAMPLERS}
                    commands += [argv[s] for s in SAMPLERS]
                    times, outputs = {s: [] for s in SAMPLERS}, {}
                    for r in range(args.reps):
                        for s in (SAMPLERS if r % 2 == 0 else SAMPLERS[::-1]):
                            wall, _, proc = _run(argv[s], env, args.timeout, repo)
                            times[s].append(trials / wall)
                            outputs.setdefault(s, proc.stdout)
                    est = {}
                    for s in SAMPLERS:
                        row = next(csv.DictReader(io.StringIO(outputs[s])))
                        est[s] = (float(row[f"mc_{design}_mse"]), float(row[f"mc_{design}_stderr"]))
                    (m1, s1), (m2, s2) = est["exact-law"], est["rows"]
                    rows.append([spectrum, f"{n:g}", design, _summary(times["exact-law"]), _summary(times["rows"]),
                                 f"{np.median(times['rows']) / np.median(times['exact-law']):.3g}",
                                 f"{m1:.5g} +- {s1:.2g}", f"{m2:.5g} +- {s2:.2g}", f"{(m2 - m1) / np.hypot(s1, s2):+.2f}"])
        loads.append(_load())
    except RuntimeError as e:
        return out + [f"not run ({e})"]
    out += _table(["spectrum", "n", "design", "exact-law trials/s", "rows trials/s", "rows / exact-law",
                   "exact-law MSE", "rows MSE", "z"], rows)
    return out + ["", f"Machine {loads[0]} before, {loads[-1]} after."]
