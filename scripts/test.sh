#!/usr/bin/env bash
# Builds memplan and runs every test: lit (IR, tools, integration runs under
# mlir-runner) and GoogleTest, all through ctest. Tests of the shared
# networks are reported as skipped when ../shared is absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root/build"
ctest -j2 --output-on-failure --timeout 900
