#!/usr/bin/env bash
# A longer differential run than CI's: scripts/soak.sh N runs generated
# programs 1000..1000+N-1 (CI runs 0..199) under every configuration and the
# run-time plan checker, and writes each failure, reduced, as a lit test into
# build/soak/. It runs a snapshot of the binaries, so rebuilding meanwhile is
# safe.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
snapshot=$(mktemp -d /tmp/memplan-soak-XXXXXX)
trap 'rm -rf "$snapshot"' EXIT
mkdir -p "$snapshot/bin" "$snapshot/lib"
cp "$root/build/bin/memplan-opt" "$snapshot/bin/"
cp "$root/build/lib/libmemplan_plan_checker.so" "$snapshot/lib/"
n=${1:-2000}
python3 "$root/scripts/differential.py" --seeds "1000:$((1000 + n))" --check-plan \
  --jobs "${JOBS:-2}" --memplan-opt "$snapshot/bin/memplan-opt" \
  --save-dir "$root/build/soak"
