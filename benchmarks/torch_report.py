#!/usr/bin/python3
"""From PyTorch to a plan, measured against what users run: for each
torchvision model (random weights, seed 0; 1x3x224x224, 299 for inception)
exports it with torch.onnx.export, imports it with memplan-import-onnx,
plans it with memplan-pipeline, and prints

  - import time, ONNX nodes, operations imported, weight bytes;
  - memplan's arena, its lower bound, and the heap it leaves (the output);
  - PyTorch eager CPU inference's peak activation memory for the same
    model and input: the rise of the process's resident high-water mark
    (VmHWM, reset through /proc/self/clear_refs after a warm-up run) during
    one inference under torch.no_grad(), with glibc told to give every
    block of 16 KiB or more back to the system when it is freed
    (MALLOC_MMAP_THRESHOLD_=16384), so that cached memory is not mistaken
    for reuse;
  - their ratio: PyTorch peak / (memplan arena + output).

    benchmarks/torch_report.py [--bin build/bin] [--models resnet18 ...]
        [--opset 14] [--json out.json]

Needs Debian's python3-torch, python3-torchvision and python3-onnx
(scripts/setup.sh installs them); run it with /usr/bin/python3."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODELS = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0",
          "squeezenet1_1", "densenet121", "googlenet", "resnet50",
          "inception_v3", "vgg11"]

# The model and its input, as both scripts below build them.
BUILD_MODEL = r"""
import sys, torch, torchvision
name, size = sys.argv[1], int(sys.argv[2])
torch.manual_seed(0)
kwargs = ({"aux_logits": False, "init_weights": True}
          if name in ("inception_v3", "googlenet") else {})
model = getattr(torchvision.models, name)(**kwargs).eval()
x = torch.randn(1, 3, size, size)
"""

# Runs in a fresh interpreter per model, so that one model's memory does not
# hide another's.
PEAK_SCRIPT = BUILD_MODEL + r"""
import gc
torch.set_num_threads(1)
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
with torch.no_grad():
    model(x)
    gc.collect()
    open("/proc/self/clear_refs", "w").write("5")
    base = status("VmRSS")
    y = model(x)
    peak = status("VmHWM")
print(peak - base)
"""

EXPORT_SCRIPT = BUILD_MODEL + r"""
torch.onnx.export(model, x, sys.argv[4], opset_version=int(sys.argv[3]))
"""


def measure(name, bin_dir, work, opset):
    size = 299 if name == "inception_v3" else 224
    onnx_file = os.path.join(work, name + ".onnx")
    subprocess.run([sys.executable, "-c", EXPORT_SCRIPT, name, str(size),
                    str(opset), onnx_file], check=True,
                   stderr=subprocess.DEVNULL)
    import onnx
    nodes = len(onnx.load(onnx_file, load_external_data=False).graph.node)
    mlir = os.path.join(work, name + ".mlir")
    start = time.perf_counter()
    subprocess.run([os.path.join(bin_dir, "memplan-import-onnx"), onnx_file,
                    "-o", mlir], check=True)
    imported = time.perf_counter() - start
    report_file = os.path.join(work, name + ".json")
    start = time.perf_counter()
    subprocess.run([os.path.join(bin_dir, "memplan-opt"), mlir,
                    "--memplan-pipeline",
                    "--memplan-report=format=json output=" + report_file,
                    "-o", os.devnull], check=True, stderr=subprocess.DEVNULL)
    planned = time.perf_counter() - start
    report = json.load(open(report_file))
    function = report["functions"][0]
    arena = sum(a["arena_bytes"] for a in function["arenas"])
    bound = sum(a["lower_bound_bytes"] for a in function["arenas"])
    weights = sum(d["weight_bytes"] for d in function["devices"])
    heap = function["heap_bytes"]
    environment = dict(os.environ, MALLOC_MMAP_THRESHOLD_="16384")
    peak = int(subprocess.run([sys.executable, "-c", PEAK_SCRIPT, name,
                               str(size)], check=True, env=environment,
                              capture_output=True, text=True).stdout)
    return {"model": name, "onnx_nodes": nodes,
            "operations": len(function["layers"]),
            "import_seconds": round(imported, 3),
            "plan_seconds": round(planned, 3), "weight_bytes": weights,
            "arena_bytes": arena, "lower_bound_bytes": bound,
            "heap_bytes": heap, "torch_peak_bytes": peak,
            "torch_over_memplan": round(peak / max(1, arena + heap), 3)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    parser.add_argument("--models", nargs="+", default=MODELS)
    parser.add_argument("--opset", type=int, default=14)
    parser.add_argument("--json")
    args = parser.parse_args()
    rows = []
    header = ("%-20s %6s %6s %8s %12s %11s %11s %9s %12s %8s"
              % ("model", "nodes", "ops", "import", "weights B", "arena B",
                 "bound B", "output B", "torch peak B", "ratio"))
    print(header)
    with tempfile.TemporaryDirectory() as work:
        for name in args.models:
            row = measure(name, args.bin, work, args.opset)
            rows.append(row)
            print("%-20s %6d %6d %7.2fs %12d %11d %11d %9d %12d %8.2f"
                  % (name, row["onnx_nodes"], row["operations"],
                     row["import_seconds"], row["weight_bytes"],
                     row["arena_bytes"], row["lower_bound_bytes"],
                     row["heap_bytes"], row["torch_peak_bytes"],
                     row["torch_over_memplan"]), flush=True)
    ratios = [r["torch_over_memplan"] for r in rows]
    geomean = 1.0
    for ratio in ratios:
        geomean *= ratio
    geomean **= 1.0 / len(ratios)
    print("PyTorch peak / memplan (arena + output): geomean %.2f, range "
          "%.2f-%.2f over %d models" % (geomean, min(ratios), max(ratios),
                                        len(ratios)))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"models": rows, "geomean_torch_over_memplan":
                       round(geomean, 3)}, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
