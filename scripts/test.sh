#!/usr/bin/env bash
# Builds memplan and runs every test through ctest: lit (IR, tools,
# packaging, integration runs under mlir-runner, generated-program
# differential runs) and GoogleTest. Tests of the shared networks are
# reported as skipped when ../shared is absent.
#
#   scripts/test.sh                 the build in build/, then the
#                                   AddressSanitizer + UndefinedBehaviorSanitizer
#                                   build in build-sanitize/ on everything but
#                                   the networks, with 30 generated programs
#   scripts/test.sh --no-sanitize   build/ only
#   scripts/test.sh --sanitize      build-sanitize/ only, the whole suite
#                                   (networks and 200 programs too)
# Any sanitizer report fails its test.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-all}

sanitized_ctest() {
  MEMPLAN_SANITIZE=1 "$root/scripts/setup.sh"
  cd "$root/build-sanitize"
  # Not ours, so not reported: leaks of the MLIR context's global registries
  # at exit, and the poisoning of LLVM's bump allocators by their headers
  # inlined into our instrumented code while the uninstrumented libMLIR.so
  # uses the same memory.
  export ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0:halt_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  echo "memplan: the sanitizer build's tests $*"
  ctest -j2 --output-on-failure --timeout 1800 "$@"
}

case "$mode" in
  --sanitize)
    sanitized_ctest ;;
  --no-sanitize|all)
    "$root/scripts/setup.sh"
    (cd "$root/build" && ctest -j2 --output-on-failure --timeout 900)
    if [ "$mode" = all ]; then
      MEMPLAN_DIFFERENTIAL_SEEDS=0:30 sanitized_ctest -LE models
    fi ;;
  *)
    echo "usage: scripts/test.sh [--no-sanitize | --sanitize]" >&2
    exit 2 ;;
esac
