#!/usr/bin/env python3
"""Plans networks over several devices and prints each device's needs.

For each network of ../shared/models named on the command line (default:
resnet50 and mobilenet_v2) and a target description (default:
examples/devices.json): per device, the arena and its lower bound, the
layers, FLOPs and transfers into it, first with every device's reuse
principle set to min-memory, then to max-parallel, and the difference.

    benchmarks/device_report.py [--targets examples/devices.json]
        [--memplan-opt build/bin/memplan-opt] [--shared ../shared] [NETWORK...]
"""

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import model_report  # noqa: E402  (runs the pipeline with a JSON report)


def plan(memplan_opt, model, targets_path):
    """The JSON report of @forward planned over the devices of `targets_path`."""
    report, _ = model_report.plan(memplan_opt, model, "targets=" + targets_path, 1)
    return next(f for f in report["functions"] if f["name"] == "forward")


def with_reuse(targets, reuse, tmp):
    """A copy of the target description with every device's principle set."""
    for device in targets["devices"]:
        device["reuse"] = reuse
    path = os.path.join(tmp, reuse + ".json")
    with open(path, "w") as f:
        json.dump(targets, f)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memplan-opt", default=os.path.join(ROOT, "build", "bin", "memplan-opt"))
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--targets", default=os.path.join(ROOT, "examples", "devices.json"))
    parser.add_argument("networks", nargs="*", default=["resnet50", "mobilenet_v2"])
    args = parser.parse_args()

    models_dir = os.path.join(args.shared, "models")
    if not os.path.isdir(models_dir):
        print("no models at %s: nothing to report" % models_dir)
        return 0
    with open(args.targets) as f:
        targets = json.load(f)
    paths = {os.path.splitext(name)[0]: os.path.join(d, name)
             for d, _, files in os.walk(models_dir) for name in files
             if name.endswith(".mlir")}
    print("targets: %s" % args.targets)
    print("| network | device | arena min-memory | lower bound | arena max-parallel | lower bound | max-parallel / min-memory | layers | FLOPs | transfers in (bytes) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        minimal = with_reuse(json.loads(json.dumps(targets)), "min-memory", tmp)
        parallel = with_reuse(json.loads(json.dumps(targets)), "max-parallel", tmp)
        for network in args.networks:
            if network not in paths:
                print("unknown network %s" % network)
                return 1
            low = plan(args.memplan_opt, paths[network], minimal)
            high = plan(args.memplan_opt, paths[network], parallel)
            arenas_low = {a["device"]: a for a in low["arenas"]}
            arenas_high = {a["device"]: a for a in high["arenas"]}
            for device in low["devices"]:
                name = device["name"]
                a, b = arenas_low.get(name), arenas_high.get(name)
                size_a = a["arena_bytes"] if a else 0
                size_b = b["arena_bytes"] if b else 0
                print("| %s | %s | %d | %d | %d | %d | %s | %d | %d | %d (%d) |" % (
                    network, name, size_a, a["lower_bound_bytes"] if a else 0,
                    size_b, b["lower_bound_bytes"] if b else 0,
                    "%.3f" % (size_b / size_a) if size_a else "-",
                    device["layers"], device["flops"], device["transfers_in"],
                    device["transfer_bytes_in"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
