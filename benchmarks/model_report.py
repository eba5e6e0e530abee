#!/usr/bin/env python3
"""Plans every network of ../shared/models and prints a table of the results.

For each network: the plain-bufferization peak from models/REFERENCE.md
(read at run time, never copied); memplan's arena with only bufferization
and planning, then with each rewrite of memplan-pipeline switched on in turn
(constant folding, reordering, copy avoidance, in-place reuse); the final
arena over the reference and over its own lower bound; the copies left
before and after copy avoidance; the bytes in-place reuse saves; and the
wall time of the whole default pipeline (best of --repeat).

    benchmarks/model_report.py [--memplan-opt build/bin/memplan-opt]
        [--shared ../shared] [--pipeline-options "strategy=auto"] [--repeat 3]
        [--json out.json]
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def reference_peaks(shared):
    """network -> plain-bufferization peak, from models/REFERENCE.md."""
    peaks = {}
    path = os.path.join(shared, "models", "REFERENCE.md")
    with open(path) as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and cells[1].isdigit() and cells[3].isdigit():
                peaks[cells[0]] = int(cells[3])
    return peaks


def plan(memplan_opt, model, pipeline_options, repeat):
    """Runs the pipeline with a JSON report; returns (report, best seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        report_path = os.path.join(tmp, "report.json")
        pipeline = "--memplan-pipeline"
        if pipeline_options:
            pipeline += "=" + pipeline_options
        command = [memplan_opt, model, pipeline,
                   "--memplan-report=format=json output=" + report_path,
                   "-o", os.devnull]
        best = math.inf
        for _ in range(repeat):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            best = min(best, time.perf_counter() - start)
            if result.returncode != 0:
                errors = [l for l in result.stderr.splitlines() if "error" in l]
                raise RuntimeError("%s failed: %s" % (model, "\n".join(errors[:3])))
        with open(report_path) as f:
            return json.load(f), best


# Each rewrite switched on in turn, on top of the ones before it; the last
# configuration is memplan-pipeline's default.
CONFIGURATIONS = [
    ("bufferize", "fold-constants=false reorder=false avoid-copies=false in-place=false"),
    ("+fold", "fold-constants=true reorder=false avoid-copies=false in-place=false"),
    ("+reorder", "fold-constants=true reorder=true avoid-copies=false in-place=false"),
    ("+copies", "fold-constants=true reorder=true avoid-copies=true in-place=false"),
    ("+in-place", ""),
]


def summarize(report):
    """Totals of the report's @forward function."""
    forward = next(f for f in report["functions"] if f["name"] == "forward")
    arenas = forward["arenas"]
    return {
        "buffers": sum(a["buffers"] for a in arenas),
        "no_reuse": sum(a["no_reuse_bytes"] for a in arenas),
        "lower_bound": sum(a["lower_bound_bytes"] for a in arenas),
        "arena": sum(a["arena_bytes"] for a in arenas),
        "copies": forward["copies"],
        "copy_bytes": forward["copy_bytes"],
        "copies_in_place": forward["copies_in_place"],
        "in_place_bytes": forward["in_place_bytes"],
    }


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memplan-opt", default=os.path.join(ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--pipeline-options", default="",
                        help="extra memplan-pipeline options for every configuration")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of the default configuration to time (best is kept)")
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    args = parser.parse_args()

    models_dir = os.path.join(args.shared, "models")
    if not os.path.isdir(models_dir):
        print("no models at %s: nothing to report" % models_dir)
        return 0
    references = reference_peaks(args.shared)
    models = sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(models_dir) for f in files if f.endswith(".mlir"))

    names = [name for name, _ in CONFIGURATIONS]
    header = (["network", "reference"] + names +
              ["arena/ref", "arena/LB", "copies before", "copies after",
               "in place B", "time s"])
    print("memplan-pipeline on %s: arena bytes with each rewrite switched on in turn"
          % models_dir)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    rows = []
    for model in models:
        name = os.path.splitext(os.path.basename(model))[0]
        row = {"network": name, "reference": references.get(name), "configurations": {}}
        for index, (config, options) in enumerate(CONFIGURATIONS):
            options = " ".join(o for o in (options, args.pipeline_options) if o)
            last = index == len(CONFIGURATIONS) - 1
            report, seconds = plan(args.memplan_opt, model, options,
                                   args.repeat if last else 1)
            row["configurations"][config] = summarize(report)
            if last:
                row["seconds"] = seconds
        final = row["configurations"][names[-1]]
        before = row["configurations"]["+reorder"]
        row["arena_over_reference"] = (
            final["arena"] / row["reference"] if row["reference"] else None)
        row["arena_over_lower_bound"] = (
            final["arena"] / final["lower_bound"] if final["lower_bound"] else 1.0)
        rows.append(row)
        print("| %s | %s | %s | %s | %.4f | %d (%d B) | %d (%d B) + %d in place | %d | %.3f |" % (
            name, row["reference"] or "-",
            " | ".join(str(row["configurations"][c]["arena"]) for c in names),
            "%.4f" % row["arena_over_reference"] if row["arena_over_reference"] else "-",
            row["arena_over_lower_bound"],
            before["copies"], before["copy_bytes"],
            final["copies"], final["copy_bytes"], final["copies_in_place"],
            final["in_place_bytes"], row["seconds"]))

    with_reference = [r for r in rows if r["reference"]]
    if with_reference:
        for config in names:
            ratio = geomean([r["configurations"][config]["arena"] / r["reference"]
                             for r in with_reference])
            print("geometric mean of arena / reference, %s: %.4f over %d networks"
                  % (config, ratio, len(with_reference)))
        worst = max(with_reference, key=lambda r: r["arena_over_reference"])
        print("largest arena / reference: %.4f (%s)"
              % (worst["arena_over_reference"], worst["network"]))
    worst = max(rows, key=lambda r: r["arena_over_lower_bound"])
    print("largest arena / lower bound: %.4f (%s)" % (worst["arena_over_lower_bound"], worst["network"]))
    slowest = max(rows, key=lambda r: r["seconds"])
    print("slowest pipeline: %.3f s (%s)" % (slowest["seconds"], slowest["network"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
