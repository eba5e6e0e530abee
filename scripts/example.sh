#!/usr/bin/env bash
# Plans the bundled example network (or the .mlir file given) into one
# verified arena and prints the plan report. The planned IR is written
# beside the build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"

input=${1:-$root/examples/residual_block.mlir}
output="$root/build/$(basename "${input%.mlir}").planned.mlir"
echo
echo "memplan-opt $(basename "$input") --memplan-pipeline --memplan-report=output=-"
# The report goes to stdout (output=-), the remarks about unplanned buffers
# (stderr) are dropped.
"$root/build/bin/memplan-opt" "$input" --memplan-pipeline \
  --memplan-report=output=- -o "$output" 2>/dev/null
echo "planned IR: $output"
