#!/usr/bin/env python3
"""Plans every network of ../shared/models and prints a table of the results.

For each network: planned buffers, bytes without reuse, lower bound, arena
bytes, arena / lower bound, the plain-bufferization peak from
models/REFERENCE.md (read at run time, never copied) and arena / that
reference, and the wall time of the whole memplan-opt run (best of --repeat).

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memplan-opt", default=os.path.join(ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--pipeline-options", default="")
    parser.add_argument("--repeat", type=int, default=3)
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

    header = ("network", "buffers", "no reuse", "lower bound", "arena",
              "arena/LB", "reference", "arena/ref", "time s")
    print("memplan-pipeline%s on %s" % (
        "=" + args.pipeline_options if args.pipeline_options else "", models_dir))
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    rows, ratios = [], []
    for model in models:
        name = os.path.splitext(os.path.basename(model))[0]
        report, seconds = plan(args.memplan_opt, model, args.pipeline_options, args.repeat)
        forward = next(f for f in report["functions"] if f["name"] == "forward")
        arenas = forward["arenas"]
        arena = sum(a["arena_bytes"] for a in arenas)
        bound = sum(a["lower_bound_bytes"] for a in arenas)
        row = {
            "network": name,
            "buffers": sum(a["buffers"] for a in arenas),
            "no_reuse": sum(a["no_reuse_bytes"] for a in arenas),
            "lower_bound": bound,
            "arena": arena,
            "arena_over_lower_bound": arena / bound if bound else 1.0,
            "reference": references.get(name),
            "seconds": seconds,
        }
        row["arena_over_reference"] = arena / row["reference"] if row["reference"] else None
        if row["arena_over_reference"]:
            ratios.append(row["arena_over_reference"])
        rows.append(row)
        print("| %s | %d | %d | %d | %d | %.4f | %s | %s | %.3f |" % (
            name, row["buffers"], row["no_reuse"], bound, arena,
            row["arena_over_lower_bound"],
            row["reference"] if row["reference"] else "-",
            "%.4f" % row["arena_over_reference"] if row["arena_over_reference"] else "-",
            seconds))
    if ratios:
        geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("geometric mean of arena / reference: %.4f over %d networks" % (geomean, len(ratios)))
    worst = max(rows, key=lambda r: r["arena_over_lower_bound"])
    print("largest arena / lower bound: %.4f (%s)" % (worst["arena_over_lower_bound"], worst["network"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
