#!/bin/bash
# check.sh BIN_DIR PROGRAM.mlir WORK_DIR [PLAN_OPTIONS]
#
# Deploys PROGRAM as a user would and checks it against mlir-runner: gives
# its weights non-uniform values (test-memplan-perturb-constants), compiles
# it with memplan-compile (planned, no heap) into WORK_DIR/net.o and net.h,
# links main.c against it with nothing but libc and libm, runs it, and
# compares the bits of every output with what mlir-runner prints for the
# same program planned by memplan-pipeline (and lowered with
# memplan-lower-to-llvm). Also checks that the object references no
# allocator and, compiled with --no-plan, computes the same bits.
set -euo pipefail
bin=$1 program=$2 work=$3 options=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
llvm=/usr/lib/llvm-22
cc=${CC:-$llvm/bin/clang}
mkdir -p "$work"
cd "$work"
plan=()
[ -n "$options" ] && plan=("--plan-options=$options")

"$bin/memplan-opt" "$program" --test-memplan-perturb-constants -o program.mlir
"$bin/memplan-compile" program.mlir -o net.o --name net "${plan[@]}"
"$bin/memplan-compile" program.mlir -o unplanned.o --name unplanned --no-plan
if nm -u net.o | grep -E -w 'malloc|calloc|realloc|free|aligned_alloc|posix_memalign'; then
  echo "check.sh: the planned object calls an allocator" >&2
  exit 1
fi
for name in net unplanned; do
  "$cc" -std=c11 -O2 -I. -DMEMPLAN_HEADER="\"$name.h\"" \
    -DMEMPLAN_PROGRAM=${name}_program "$here/main.c" $name.o -lm -o $name
  ./$name > $name.out
done
"$bin/memplan-opt" program.mlir --test-memplan-generate-main \
    "--memplan-pipeline=$options" --memplan-lower-to-llvm 2>/dev/null |
  "$llvm/bin/mlir-runner" -e main -entry-point-result=void \
    -shared-libs=$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so \
    > runner.out
/usr/bin/python3 "$here/compare.py" runner.out net.out
cmp net.out unplanned.out
echo "check.sh: the unplanned object computes the same bits"
