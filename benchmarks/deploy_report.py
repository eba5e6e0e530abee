#!/usr/bin/env python3
"""Deploys programs with memplan-compile, planned and unplanned, and compares
how fast they run and how much memory they take.

For each program (the bundled examples and the networks of ../shared/models,
whose weights are constants in the object, as deployed; with --perturb they
are non-uniform noise computed at run time, test-memplan-perturb-constants,
as in the correctness tests) it is compiled twice with the same code generation (-O2, generic CPU): planned
(every buffer in one caller-provided arena, no heap) and with --no-plan
(upstream bufferization, malloc and free). Both objects are linked with
examples/c-deploy/main.c, checked to print the same bits, and run
alternately --rounds times, each round --runs calls. Printed per program:
the arena's bytes, the allocator call sites in each object (its
relocations), the median time per call of each and their ratio (planned /
unplanned), and the peak resident memory of each process and its ratio.

    benchmarks/deploy_report.py [--bin build/bin] [--shared ../shared]
        [--programs resnet18 mlp_chain ...] [--runs 3] [--rounds 5]
        [--perturb] [--json out.json]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CC = "/usr/lib/llvm-22/bin/clang"
OBJDUMP = "/usr/lib/llvm-22/bin/llvm-objdump"
ALLOCATORS = re.compile(r"\s(malloc|calloc|realloc|free|aligned_alloc|"
                        r"posix_memalign)(@\S*)?(-0x[0-9a-f]+)?$", re.M)


def programs(shared):
    """name -> .mlir path: the examples, then the shared networks."""
    found = {}
    examples = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".mlir"):
            found[name[:-5]] = os.path.join(examples, name)
    models = os.path.join(shared, "models")
    if os.path.isdir(models):
        for group in sorted(os.listdir(models)):
            folder = os.path.join(models, group)
            if os.path.isdir(folder):
                for name in sorted(os.listdir(folder)):
                    if name.endswith(".mlir"):
                        found[name[:-5]] = os.path.join(folder, name)
    return found


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        errors = [l for l in result.stderr.splitlines() if "error" in l]
        raise RuntimeError((errors or result.stderr.splitlines() or ["?"])[0])
    return result.stdout


def build(bin_dir, source, work, name, extra):
    """Compiles `source` with memplan-compile and links the driver; returns
    (allocator call sites in the object, compile seconds)."""
    compile_ = [os.path.join(bin_dir, "memplan-compile"), source,
                "--name", name] + extra
    start = time.perf_counter()
    run(compile_ + ["-o", os.path.join(work, name + ".o")])
    seconds = time.perf_counter() - start
    # Every call of an allocator is a relocation against its symbol.
    relocations = run([OBJDUMP, "-r", os.path.join(work, name + ".o")])
    sites = len(ALLOCATORS.findall(relocations))
    run([CC, "-std=c11", "-O2", "-I", work,
         '-DMEMPLAN_HEADER="%s.h"' % name, "-DMEMPLAN_PROGRAM=%s_program" % name,
         os.path.join(ROOT, "examples", "c-deploy", "main.c"),
         os.path.join(work, name + ".o"), "-lm",
         "-o", os.path.join(work, name)])
    return sites, seconds


def measure(binary, runs):
    """(ns per call, peak RSS in KiB) of one process making `runs` calls."""
    output = run([binary, "--benchmark", str(runs)])
    match = re.search(r"ns_per_run (\d+) max_rss_kib (\d+)", output)
    return int(match.group(1)), int(match.group(2))


def report(bin_dir, name, path, runs, rounds, perturb):
    with tempfile.TemporaryDirectory() as work:
        source = path
        if perturb:
            source = os.path.join(work, "program.mlir")
            run([os.path.join(bin_dir, "memplan-opt"), path,
                 "--test-memplan-perturb-constants", "-o", source])
        plan = os.path.join(work, "plan.json")
        planned_sites, compile_seconds = build(
            bin_dir, source, work, "planned", ["--report", plan])
        unplanned_sites, _ = build(bin_dir, source, work, "unplanned",
                                   ["--no-plan"])
        with open(plan) as f:
            arenas = [a for fn in json.load(f)["functions"]
                      for a in fn["arenas"]]
        outputs = [run([os.path.join(work, b)])
                   for b in ("planned", "unplanned")]
        if outputs[0] != outputs[1]:
            raise RuntimeError("planned and unplanned outputs differ")
        times = {"planned": [], "unplanned": []}
        rss = {"planned": 0, "unplanned": 0}
        for _ in range(rounds):
            for binary in ("planned", "unplanned"):
                ns, kib = measure(os.path.join(work, binary), runs)
                times[binary].append(ns)
                rss[binary] = max(rss[binary], kib)
    planned_ns = statistics.median(times["planned"])
    unplanned_ns = statistics.median(times["unplanned"])
    return {
        "program": name,
        "arena_bytes": sum(a["arena_bytes"] for a in arenas),
        "heap_call_sites_planned": planned_sites,
        "heap_call_sites_unplanned": unplanned_sites,
        "ns_planned": planned_ns,
        "ns_unplanned": unplanned_ns,
        "time_ratio": planned_ns / unplanned_ns,
        "rss_kib_planned": rss["planned"],
        "rss_kib_unplanned": rss["unplanned"],
        "rss_ratio": rss["planned"] / rss["unplanned"],
        "compile_seconds": compile_seconds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--programs", nargs="*",
                        help="names to run (default: all)")
    parser.add_argument("--runs", type=int, default=3,
                        help="calls per measured process")
    parser.add_argument("--rounds", type=int, default=5,
                        help="alternating planned/unplanned processes")
    parser.add_argument("--perturb", action="store_true",
                        help="non-uniform weights computed at run time")
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args()

    available = programs(args.shared)
    names = args.programs or list(available)
    rows = []
    header = ("%-22s %12s %6s %6s %12s %12s %7s %9s %9s %7s %8s"
              % ("program", "arena B", "heap", "heap", "planned ns",
                 "unplanned ns", "time", "RSS KiB", "RSS KiB", "RSS",
                 "compile"))
    print(header)
    print("%-22s %12s %6s %6s %12s %12s %7s %9s %9s %7s %8s"
          % ("", "", "plan", "unpl", "(median)", "(median)", "p/u",
             "planned", "unplanned", "p/u", "s"))
    for name in names:
        if name not in available:
            print("%-22s unknown program" % name)
            continue
        try:
            row = report(args.bin, name, available[name], args.runs,
                         args.rounds, args.perturb)
        except RuntimeError as error:
            print("%-22s skipped: %s" % (name, error))
            continue
        rows.append(row)
        print("%-22s %12d %6d %6d %12.0f %12.0f %7.3f %9d %9d %7.3f %8.2f"
              % (name, row["arena_bytes"], row["heap_call_sites_planned"],
                 row["heap_call_sites_unplanned"], row["ns_planned"],
                 row["ns_unplanned"], row["time_ratio"],
                 row["rss_kib_planned"], row["rss_kib_unplanned"],
                 row["rss_ratio"], row["compile_seconds"]))
        sys.stdout.flush()
    if rows:
        geomean = statistics.geometric_mean
        print("geometric mean over %d programs: time planned/unplanned %.3f, "
              "peak RSS planned/unplanned %.3f"
              % (len(rows), geomean([r["time_ratio"] for r in rows]),
                 geomean([r["rss_ratio"] for r in rows])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
