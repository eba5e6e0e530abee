#!/usr/bin/env bash
# Builds memplan and runs every test: lit (IR, tools, integration runs under
# mlir-runner, generated-program differential runs) and GoogleTest, all
# through ctest. Tests of the shared networks are reported as skipped when
# ../shared is absent.
#
#   scripts/test.sh              the build in build/
#   scripts/test.sh --sanitize   an AddressSanitizer + UndefinedBehaviorSanitizer
#                                build in build-sanitize/ (any report fails)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "${1:-}" = "--sanitize" ]; then
  MEMPLAN_SANITIZE=1 "$root/scripts/setup.sh"
  cd "$root/build-sanitize"
  # Reports end the process with an error. Not ours: leaks of the MLIR
  # context's global registries at exit, and the poisoning of LLVM's bump
  # allocators by their headers inlined into our instrumented code while
  # the uninstrumented libMLIR.so uses the same memory.
  export ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0:halt_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest -j2 --output-on-failure --timeout 1800
  exit
fi
"$root/scripts/setup.sh"
cd "$root/build"
ctest -j2 --output-on-failure --timeout 900
