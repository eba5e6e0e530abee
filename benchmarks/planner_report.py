#!/usr/bin/env python3
"""Runs memplan-solve on every public benchmark problem and prints tables.

For the generated instances of benchmarks/perfect/ (known plan at the
capacity): how many the decision search solves, median and worst time. For
every CSV of ../shared/benchmarks (MiniMalloc's adversarial problems,
large realistic traces) and, with --models, the offset problems of the
shared networks after memplan-pipeline: each strategy's peak / lower bound
and time, with the time as a ratio to best-fit's (the TFLite/XLA-style
baseline) measured in the same run. MiniMalloc's figures from
benchmarks/REFERENCE.md are read at run time for comparison.

    benchmarks/planner_report.py [--memplan-solve build/bin/memplan-solve]
        [--memplan-opt build/bin/memplan-opt] [--shared ../shared]
        [--time-limit 10] [--only perfect|minimalloc|large|models] [--limit N]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEURISTICS = ["best-fit", "first-fit", "longest-first", "area-first",
              "contention-first", "skyline"]


def solve(memplan_solve, path, strategy, extra=()):
    """Runs memplan-solve; returns its summary as a dict."""
    command = [memplan_solve, "--strategy=" + strategy, *extra, path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError("%s: %s" % (" ".join(command), result.stderr.strip()))
    summary = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(": ")
        summary[key] = value
    summary["ratio"] = float(summary["peak / lower bound"])
    summary["seconds"] = float(summary["time"].split()[0])
    summary["from"] = re.sub(r".*plan from (\S+)\)", r"\1", summary["strategy"]) \
        if "plan from" in summary["strategy"] else strategy
    return summary


def read_reference(shared, row_pattern):
    """The rows of ../shared/benchmarks/REFERENCE.md matching `row_pattern`,
    as {first group: (second group as a number, third group)}."""
    reference = {}
    with open(os.path.join(shared, "benchmarks", "REFERENCE.md")) as f:
        for line in f:
            match = re.match(row_pattern, line)
            if match:
                reference[match.group(1)] = (float(match.group(2)), match.group(3).strip())
    return reference


# MiniMalloc's seconds and peak / lower bound at capacity 2^20, per file letter.
MINIMALLOC_ROW = r"\|\s*([A-F])\s*\|\s*solved, ([0-9.]+) s\s*\|\s*([0-9.]+)"
# MiniMalloc's seconds and result text, per large trace.
LARGE_ROW = r"\|\s*large/(\S+)\.csv\s*\|\s*([0-9.]+)\s*\|\s*([^|]+)\|"


def strategy_table(args, title, files, strategies, extra=()):
    print("\n### %s\n" % title)
    header = ["problem", "buffers"]
    for strategy in strategies:
        header += [strategy + " peak/LB", strategy + " time/best-fit"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    portfolio_ok = True
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        results = {s: solve(args.memplan_solve, path, s, extra) for s in strategies}
        baseline = max(results["best-fit"]["seconds"], 1e-4)
        row = [name, results["best-fit"]["buffers"]]
        for strategy in strategies:
            r = results[strategy]
            row += ["%.4f" % r["ratio"], "%.2f (%.3f s)" % (r["seconds"] / baseline, r["seconds"])]
        print("| " + " | ".join(row) + " |")
        if "portfolio" in results:
            best_single = min(results[s]["ratio"] for s in HEURISTICS if s in results)
            portfolio_ok &= results["portfolio"]["ratio"] <= best_single
    if "portfolio" in strategies:
        print("\nportfolio <= every single heuristic on every problem: %s" %
              ("yes" if portfolio_ok else "NO"))


def minimalloc_section(args):
    files = sorted(os.path.join(args.shared, "benchmarks", "minimalloc", f)
                   for f in os.listdir(os.path.join(args.shared, "benchmarks", "minimalloc"))
                   if re.match(r"[A-F]\.", f))
    strategy_table(args, "MiniMalloc challenging set: heuristics", files,
                   HEURISTICS + ["portfolio"])
    reference = read_reference(args.shared, MINIMALLOC_ROW)
    print("\n### MiniMalloc challenging set: exact search\n")
    print("| problem | decision at 2^20 | time | MiniMalloc time | time / MiniMalloc's |"
          " minimising: peak/LB (time-limit %g s) | MiniMalloc peak/LB |" % args.time_limit)
    print("|---|---|---|---|---|---|---|")
    for path in files:
        letter = os.path.basename(path)[0]
        decision = solve(args.memplan_solve, path, "exact",
                         ["--capacity=1048576", "--time-limit=%g" % args.time_limit])
        minimise = solve(args.memplan_solve, path, "exact",
                         ["--time-limit=%g" % args.time_limit])
        ref_seconds, ref_ratio = reference.get(letter, (float("nan"), float("nan")))
        fits = decision.get("capacity 1048576", "?")
        print("| %s | %s (peak %s) | %.3f s | %.2f s | %.3f | %.4f%s | %.3f |" % (
            letter, fits, decision["peak"], decision["seconds"], ref_seconds,
            decision["seconds"] / ref_seconds, minimise["ratio"],
            " (optimal)" if minimise["proven optimal"] == "yes" else "",
            float(ref_ratio)))


def perfect_section(args):
    """benchmarks/perfect/: the decision at the capacity a known plan meets,
    per instance within --time-limit (turned into work units, so a run is
    reproducible; the wall time is what it cost here)."""
    directory = os.path.join(HERE, "perfect")
    files = sorted((f for f in os.listdir(directory) if f.endswith(".csv")),
                   key=lambda f: int(f.split(".")[1]))
    if args.limit:
        files = files[:args.limit]
    print("\n### Generated instances with a known plan at 2^20 (exact, "
          "decision, time-limit %g s each)\n" % args.time_limit)
    solved, seconds, failed = 0, [], []
    for name in files:
        result = solve(args.memplan_solve, os.path.join(directory, name),
                       "exact", ["--capacity=1048576",
                                 "--time-limit=%g" % args.time_limit])
        seconds.append(result["seconds"])
        fits = result.get("capacity 1048576") == "fits"
        if fits:
            solved += 1
        else:
            failed.append(name)
        if args.verbose:
            print("%s: %s buffers, %s, %.3f s" % (
                name, result["buffers"], "solved" if fits else "not solved",
                result["seconds"]), flush=True)
    seconds.sort()
    print("solved %d / %d (%.1f%%); time median %.3f s, worst %.3f s"
          % (solved, len(files), 100.0 * solved / len(files),
             seconds[len(seconds) // 2], seconds[-1]))
    if failed:
        print("not solved: " + " ".join(failed))


def large_section(args):
    directory = os.path.join(args.shared, "benchmarks", "large")
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".csv"))
    strategy_table(args, "Large realistic traces: heuristics", files,
                   HEURISTICS + ["portfolio"])
    reference = read_reference(args.shared, LARGE_ROW)
    print("\n### Large realistic traces: auto (time-limit %g s)\n" % args.time_limit)
    print("| problem | buffers | auto peak/LB | time | plan from | greedy peak/LB (REFERENCE) | MiniMalloc (REFERENCE) |")
    print("|---|---|---|---|---|---|---|")
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        auto = solve(args.memplan_solve, path, "auto", ["--time-limit=%g" % args.time_limit])
        greedy, minimalloc = reference.get(name, (float("nan"), "-"))
        print("| %s | %s | %.4f | %.3f s | %s | %.4f | %s |" % (
            name, auto["buffers"], auto["ratio"], auto["seconds"], auto["from"],
            greedy, minimalloc))


def models_section(args):
    models = os.path.join(args.shared, "models")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for directory, _, names in sorted(os.walk(models)):
            for name in sorted(names):
                if not name.endswith(".mlir"):
                    continue
                out = os.path.join(tmp, os.path.splitext(name)[0])
                subprocess.run([args.memplan_opt, os.path.join(directory, name),
                                "--memplan-pipeline",
                                "--memplan-report=output=%s csv-dir=%s" % (os.devnull, out),
                                "-o", os.devnull],
                               check=True, stderr=subprocess.DEVNULL)
                csv = os.path.join(out, "forward.host.csv")
                renamed = os.path.join(tmp, os.path.splitext(name)[0] + ".csv")
                os.rename(csv, renamed)
                files.append(renamed)
        strategy_table(args, "Buffers of the shared networks after memplan-pipeline",
                       files, ["naive"] + HEURISTICS + ["portfolio", "auto"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memplan-solve", default=os.path.join(ROOT, "build", "bin", "memplan-solve"))
    parser.add_argument("--memplan-opt", default=os.path.join(ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--only", choices=["perfect", "minimalloc", "large", "models"])
    parser.add_argument("--verbose", action="store_true",
                        help="a line per generated instance")
    parser.add_argument("--limit", type=int,
                        help="only the first N generated instances")
    args = parser.parse_args()
    if args.only in (None, "perfect"):
        perfect_section(args)
    if not os.path.isdir(os.path.join(args.shared, "benchmarks")):
        print("no benchmarks at %s: nothing more to report" % args.shared)
        return 0
    if args.only in (None, "minimalloc"):
        minimalloc_section(args)
    if args.only in (None, "large"):
        large_section(args)
    if args.only in (None, "models"):
        models_section(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
