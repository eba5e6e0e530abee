#!/usr/bin/env python3
"""How often the plan checks catch a corrupted plan.

For generated programs (scripts/program_generator.py), bufferized by
upstream one-shot-bufferize, memplan plans the buffers and then corrupts the
plan on purpose (`memplan-assign-offsets=test-force-overlap
test-corrupt-seed=K`: a seeded pair of buffers live at the same time is made
to overlap). Each corrupted plan is given to the three witnesses:

  static   memplan-verify-plan rejects it;
  runtime  the program lowered with the run-time plan checker aborts;
  bits     the program's output differs from the unplanned program's.

  python3 scripts/catch_rate.py --plans 1000

Prints one line per witness with the plans caught out of those corrupted.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differential  # noqa: E402
import program_generator  # noqa: E402


class Hung:
    """A run stopped after its time: a corrupted plan may loop forever."""
    returncode, stdout, stderr = -1, "", "timed out"


def run(cmd, timeout=30):
    try:
        return subprocess.run(cmd, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return Hung()


def trial(args, seed, corruption):
    opt = args.memplan_opt
    runner = os.path.join(differential.LLVM, "bin", "mlir-runner")
    checker = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(opt))),
                           "lib", "libmemplan_plan_checker.so")
    program = program_generator.generate(seed).render()
    with tempfile.TemporaryDirectory(prefix="memplan-catch-") as tmp:
        src = os.path.join(tmp, "p.mlir")
        with open(src, "w") as f:
            f.write(program)
        bufferized = os.path.join(tmp, "b.mlir")
        if run([opt, src, "--test-memplan-generate-main", differential.REFERENCE,
                "-o", bufferized]).returncode:
            return None
        corrupt = os.path.join(tmp, "c.mlir")
        made = run([opt, bufferized, "--memplan-liveness",
                    "--memplan-assign-offsets=test-force-overlap test-corrupt-seed=%d"
                    % corruption, "--memplan-materialize-arenas", "-o", corrupt])
        if made.returncode or "test-force-overlap" not in made.stderr:
            return None  # no two buffers live at the same time
        static = run([opt, corrupt, "--memplan-verify-plan", "-o", os.devnull]).returncode != 0
        libs = differential.RUNNER_LIBS
        lowered = os.path.join(tmp, "l.mlir")
        reference = os.path.join(tmp, "r.mlir")
        run([opt, bufferized, "--memplan-lower-to-llvm", "-o", reference])
        ref = run([runner, reference, "-e", "main", "-entry-point-result=void",
                   "-shared-libs=" + libs])
        run([opt, corrupt, "--memplan-lower-to-llvm=check-plan", "-o", lowered])
        checked = run([runner, lowered, "-e", "main", "-entry-point-result=void",
                       "-shared-libs=" + libs + "," + checker])
        runtime = "memplan plan checker:" in checked.stderr
        run([opt, corrupt, "--memplan-lower-to-llvm", "-o", lowered])
        plain = run([runner, lowered, "-e", "main", "-entry-point-result=void",
                     "-shared-libs=" + libs])
        bits = plain.returncode != 0 or differential.strip_addresses(
            plain.stdout) != differential.strip_addresses(ref.stdout)
        return static, runtime, bits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--per-program", type=int, default=4)
    parser.add_argument("--memplan-opt", default=os.path.join(
        differential.ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    results = []
    seed = 0
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        while len(results) < args.plans:
            batch = [(seed + i // args.per_program, 1 + i % args.per_program)
                     for i in range(args.per_program * 32)]
            seed += 32
            for r in pool.map(trial, [args] * len(batch), *zip(*batch)):
                if r is not None and len(results) < args.plans:
                    results.append(r)
            print("... %d corrupted plans: %d static, %d runtime, %d bits" % (
                len(results), sum(r[0] for r in results),
                sum(r[1] for r in results), sum(r[2] for r in results)),
                flush=True)
    n = len(results)
    for name, index in (("static (memplan-verify-plan)", 0),
                        ("runtime (plan checker)", 1),
                        ("bits (differs from unplanned)", 2)):
        caught = sum(1 for r in results if r[index])
        print("%-32s %4d of %d corrupted plans caught (%.1f%%)" % (
            name, caught, n, 100.0 * caught / n))
    either = sum(1 for r in results if r[0] or r[1])
    print("%-32s %4d of %d" % ("static or runtime", either, n))


if __name__ == "__main__":
    main()
