#!/usr/bin/env python3
"""Differential testing of memplan on generated programs.

Every program of scripts/program_generator.py runs under mlir-runner twice
per configuration: bufferized by upstream one-shot-bufferize alone (the
reference) and planned by `memplan-pipeline` with that configuration's
options. Both print every result as values and as bit patterns; they must
be identical. A configuration fails on a program when memplan-opt crashes,
rejects it with an error, or the planned program prints other bits (or is
stopped by the run-time plan checker).

A failure is reduced automatically: operations are taken out one at a time
(their results become arguments) as long as the same failure remains, and
the small program left is written as a lit test into --save-dir.

  python3 scripts/differential.py --seeds 0:200            # CI's range
  python3 scripts/differential.py --seeds 0:5000 --jobs 2  # a soak
  python3 scripts/differential.py --seeds 17 --configs exact -v

The summary line ends with "N passed, N failed".
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program_generator  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = os.path.join(ROOT, "test", "Integration", "differential", "Inputs")
LLVM = "/usr/lib/llvm-22"
RUNNER_LIBS = ",".join(os.path.join(LLVM, "lib", lib) for lib in (
    "libmlir_runner_utils.so", "libmlir_c_runner_utils.so"))
REFERENCE = ('--one-shot-bufferize=bufferize-function-boundaries '
             'function-boundary-type-conversion=identity-layout-map')

# name -> memplan-pipeline options ({targets} is the target-file folder).
CONFIGS = {
    "default": "",
    "no-fold-constants": "fold-constants=false",
    "no-reorder": "reorder=false",
    "no-avoid-copies": "avoid-copies=false",
    "no-in-place": "in-place=false",
    "best-fit": "strategy=best-fit",
    "exact": "strategy=exact",
    "auto": "strategy=auto",
    "arena-argument": "arena-storage=argument",
    "alignment-128": "alignment=128",
    "devices-min-memory": "targets={targets}/npu-min-memory.json",
    "devices-max-parallel": "targets={targets}/dsp-max-parallel.json",
    "devices-three": "targets={targets}/three-devices.json",
}


def strip_addresses(text):
    return re.sub(r"base@ = 0x[0-9a-f]*", "", text)


class Runner:
    def __init__(self, memplan_opt, check_plan, timeout):
        self.memplan_opt = memplan_opt
        self.check_plan = check_plan
        self.timeout = timeout
        self.runner = os.path.join(LLVM, "bin", "mlir-runner")
        self.checker_lib = os.path.join(
            os.path.dirname(os.path.dirname(os.path.abspath(memplan_opt))),
            "lib", "libmemplan_plan_checker.so")

    def run(self, program_text, options, tmp):
        """Returns (status, output): status is 'ok', 'compile-error',
        'crash', 'run-error' or 'timeout'."""
        source = os.path.join(tmp, "program.mlir")
        lowered = os.path.join(tmp, "lowered.mlir")
        with open(source, "w") as f:
            f.write(program_text)
        lower = lowering(program_text)
        libs = RUNNER_LIBS
        if options is None:
            passes = [REFERENCE]
        else:
            passes = ["--memplan-pipeline=" + options]
            if self.check_plan:
                lower = lowering(program_text, check_plan=True)
                libs += "," + self.checker_lib
        cmd = [self.memplan_opt, source, "--test-memplan-generate-main"] + \
            passes + [lower, "-o", lowered]
        try:
            compiled = subprocess.run(cmd, capture_output=True, text=True,
                                      timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return "timeout", "memplan-opt timed out"
        if compiled.returncode < 0 or "PLEASE submit a bug report" in compiled.stderr:
            return "crash", compiled.stderr[-4000:]
        if compiled.returncode != 0:
            return "compile-error", compiled.stderr[-4000:]
        try:
            ran = subprocess.run(
                [self.runner, lowered, "-e", "main", "-entry-point-result=void",
                 "-shared-libs=" + libs],
                capture_output=True, text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return "timeout", "mlir-runner timed out"
        if ran.returncode != 0:
            return "run-error", (ran.stderr + ran.stdout)[-4000:]
        return "ok", strip_addresses(ran.stdout)


def lowering(program_text, check_plan=False):
    """The memplan-lower-to-llvm flag for a program: upstream ownership-based
    deallocation does not take loops of blocks, so programs with one run
    without freeing what is left on the heap (both reference and planned)."""
    options = []
    if "cf.cond_br" in program_text:
        options.append("deallocate=false")
    if check_plan:
        options.append("check-plan")
    if not options:
        return "--memplan-lower-to-llvm"
    return '--memplan-lower-to-llvm=%s' % " ".join(options)


def check(runner, program, config, options):
    """The failure of `program` under `config`, or None: (kind, detail)."""
    text = program.render()
    with tempfile.TemporaryDirectory(prefix="memplan-diff-") as tmp:
        ref_status, reference = runner.run(text, None, tmp)
        if ref_status != "ok":
            return ("invalid-reference", reference)
        status, output = runner.run(text, options, tmp)
    if status != "ok":
        return (status, output)
    if output != reference:
        return ("mismatch", "planned output differs from the reference")
    return None


def reduce(runner, program, config, options, kind):
    """Takes operations and results out while the failure stays `kind`."""
    def fails(candidate):
        result = check(runner, candidate, config, options)
        return result is not None and result[0] == kind
    changed = True
    while changed:
        changed = False
        for index in reversed(range(len(program.ops))):
            if index >= len(program.ops):
                continue
            candidate = program.without(index)
            if fails(candidate):
                program, changed = candidate, True
        for name in list(program.returns):
            candidate = program.without_return(name)
            if candidate is not None and fails(candidate):
                program, changed = candidate, True
    return program


def lit_test(program, seed, config, options, kind):
    lit_options = options.replace(TARGETS, "%S/Inputs")
    lower = lowering(program.render())  # one option at most: no quotes
    lines = [
        "// Reduced by scripts/differential.py from generated program %d;" % seed,
        "// configuration %s (%s) gave: %s." % (
            config, lit_options.replace("%S/", "") or "defaults", kind),
        "// RUN: memplan-opt %%s --test-memplan-generate-main %%reference-bufferize "
        "%s | %%run | %%strip-addresses > %%t.reference" % lower,
        '// RUN: memplan-opt %%s --test-memplan-generate-main --memplan-pipeline="%s" '
        "%s 2>/dev/null | %%run | %%strip-addresses > %%t.planned"
        % (lit_options, lower),
        "// RUN: diff %t.reference %t.planned",
        "",
    ]
    return "\n".join(lines) + program.render()


def run_seed(args, seed):
    runner = Runner(args.memplan_opt, args.check_plan, args.timeout)
    program = program_generator.generate(seed)
    results = []
    text = program.render()
    with tempfile.TemporaryDirectory(prefix="memplan-diff-") as tmp:
        ref_status, reference = runner.run(text, None, tmp)
        for config in args.configs:
            options = CONFIGS[config].format(targets=TARGETS)
            if ref_status != "ok":
                results.append((config, ("invalid-reference", reference)))
                continue
            status, output = runner.run(text, options, tmp)
            if status == "ok" and output != reference:
                status, output = "mismatch", "planned output differs"
            results.append((config, None if status == "ok" else (status, output)))
    return seed, program, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="0:200",
                        help="A:B (A to B-1) or one seed")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help="comma-separated names of: " + ", ".join(CONFIGS))
    parser.add_argument("--memplan-opt",
                        default=os.path.join(ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--check-plan", action="store_true",
                        help="run planned programs under the run-time plan checker")
    parser.add_argument("--save-dir", default=None,
                        help="write reduced failures here as lit tests")
    parser.add_argument("--no-reduce", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if ":" in args.seeds:
        lo, hi = args.seeds.split(":")
        seeds = range(int(lo), int(hi))
    else:
        seeds = [int(args.seeds)]
    args.configs = [c for c in args.configs.split(",") if c]
    unknown = [c for c in args.configs if c not in CONFIGS]
    if unknown:
        parser.error("unknown configuration(s) %s" % ", ".join(unknown))

    begin = time.time()
    counts = {}
    failures = []
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        for seed, program, results in pool.map(
                run_seed, [args] * len(seeds), seeds):
            for config, failure in results:
                kind = "ok" if failure is None else failure[0]
                counts[kind] = counts.get(kind, 0) + 1
                if failure is not None:
                    failures.append((seed, program, config, failure))
                    print("FAIL seed %d, %s: %s" % (seed, config, kind), flush=True)
                    if args.verbose:
                        print(failure[1])
    runner = Runner(args.memplan_opt, args.check_plan, args.timeout)
    reduced_kinds = set()
    for seed, program, config, (kind, detail) in failures:
        if args.no_reduce or kind == "invalid-reference" or \
                (config, kind) in reduced_kinds:
            continue
        reduced_kinds.add((config, kind))
        options = CONFIGS[config].format(targets=TARGETS)
        small = reduce(runner, program, config, options, kind)
        test = lit_test(small, seed, config, options, kind)
        print("reduced seed %d, %s (%s) to %d operations" % (
            seed, config, kind, len(small.ops)))
        if args.save_dir:
            os.makedirs(args.save_dir, exist_ok=True)
            path = os.path.join(args.save_dir, "reduced-%d-%s.mlir" % (seed, config))
            with open(path, "w") as f:
                f.write(test)
            print("  written to %s" % path)
        elif args.verbose:
            print(test)
    runs = sum(counts.values())
    failed = runs - counts.get("ok", 0)
    detail = ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items()) if k != "ok")
    print("differential: %d programs x %d configurations = %d runs in %.0f s%s" % (
        len(seeds), len(args.configs), runs, time.time() - begin,
        " (" + detail + ")" if detail else ""))
    print("%d passed, %d failed" % (counts.get("ok", 0), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
