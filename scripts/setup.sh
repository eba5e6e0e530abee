#!/usr/bin/env bash
# Installs what memplan needs on Debian bookworm (only what is missing),
# then configures and builds it in build/. Used by example.sh and test.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(cmake ninja-build g++ python3 llvm-22-dev libmlir-22-dev
          mlir-22-tools llvm-22-tools libgtest-dev libbenchmark-dev
          clang-22 libclang-rt-22-dev
          # the report's schema check and the plan page's browser test
          python3-jsonschema chromium
          # memplan-import-onnx, and its tests against ONNX and PyTorch
          libonnx-dev libprotobuf-dev python3-onnx python3-numpy
          python3-torch python3-torchvision)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "memplan: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
fi

build="$root/build"
flags=()
if [ -n "${MEMPLAN_SANITIZE:-}" ]; then
  # memplan's own C++ under AddressSanitizer and UndefinedBehaviorSanitizer
  # (MLIR and LLVM come uninstrumented from Debian; the plan checker's C
  # runtime is loaded by the uninstrumented mlir-runner and stays plain).
  build="$root/build-sanitize"
  # -O1 and line tables only: reports name the line, the build stays quick.
  # Assertions and LLVM_DEBUG tracing on too: the suite runs every assert().
  flags=(-DMEMPLAN_ENABLE_SANITIZERS=ON -DMEMPLAN_ENABLE_ASSERTIONS=ON
         "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g1")
fi
cmake -G Ninja -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit "${flags[@]}" > /dev/null
cmake --build "$build" -j2
