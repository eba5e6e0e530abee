#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-22 (Debian's clang-22 and
# libclang-rt-22-dev, installed by setup.sh) under AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each for a bounded time on a copy of
# its seed corpus (fuzz/corpus/NAME):
#   planner  the CSV reader and every strategy, each plan validated
#   targets  the target-description reader
#
#   scripts/fuzz.sh [SECONDS per target, default 60] [NAME...]
# Needs build/ (for the generated headers): run scripts/setup.sh first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(planner targets); fi
clang=/usr/lib/llvm-22/bin/clang++
out="$root/build/fuzz"
mkdir -p "$out"
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -fno-exceptions
       -I"$root/include" -I"$root/build/include" -I/usr/lib/llvm-22/include
       -D_GNU_SOURCE -D__STDC_CONSTANT_MACROS -D__STDC_FORMAT_MACROS
       -D__STDC_LIMIT_MACROS -w)
for name in "${targets[@]}"; do
  case $name in
    planner)
      sources=("$root/fuzz/PlannerFuzzer.cpp" "$root"/lib/Planner/*.cpp)
      libs=() ;;
    targets)
      sources=("$root/fuzz/TargetsFuzzer.cpp" "$root/lib/Transforms/Targets.cpp"
               "$root/lib/Dialect/MemPlan/IR/MemPlanDialect.cpp")
      libs=(-L/usr/lib/llvm-22/lib -Wl,-rpath,/usr/lib/llvm-22/lib -lMLIR -lLLVM) ;;
    *) echo "fuzz.sh: unknown target '$name' (planner, targets)" >&2; exit 2 ;;
  esac
  binary="$out/$name-fuzzer"
  if [ ! -x "$binary" ] || [ -n "$(find "${sources[@]}" "$root/include" -newer "$binary" -print -quit)" ]; then
    echo "fuzz.sh: building $name-fuzzer"
    "$clang" "${flags[@]}" "${sources[@]}" "${libs[@]}" -o "$binary"
  fi
  corpus="$out/corpus-$name"
  mkdir -p "$corpus"
  rm -f "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-*
  cp -n "$root/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz.sh: $name for $seconds s"
  # Leaks of the MLIR context kept for the whole run are not findings, nor
  # is the poisoning of LLVM's allocators by headers inlined into the
  # instrumented code while uninstrumented libMLIR.so shares them.
  ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0 "$binary" "$corpus" -max_total_time="$seconds" \
    -max_len=4096 -artifact_prefix="$out/$name-" -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ *DONE)|ERROR|fuzzer:|SUMMARY" || true
  if compgen -G "$out/$name-crash-*" > /dev/null ||
     compgen -G "$out/$name-leak-*" > /dev/null ||
     compgen -G "$out/$name-timeout-*" > /dev/null; then
    echo "fuzz.sh: $name found a failing input" >&2
    exit 1
  fi
done
echo "fuzz.sh: no failures"
