#!/usr/bin/env bash
# A longer differential run than CI's: scripts/soak.sh N runs generated
# programs 0..N-1 under every configuration and the run-time plan checker,
# and writes each failure, reduced, as a lit test into build/soak/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
exec python3 "$root/scripts/differential.py" --seeds "0:${1:-2000}" --check-plan \
  --jobs "${JOBS:-2}" --save-dir "$root/build/soak"
