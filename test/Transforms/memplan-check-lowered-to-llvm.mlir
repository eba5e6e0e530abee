// RUN: memplan-opt %s --memplan-check-lowered-to-llvm -split-input-file -verify-diagnostics | FileCheck %s
// RUN: not memplan-opt %S/Inputs/unlowerable.mlir --memplan-lower-to-llvm 2>&1 | FileCheck %s --check-prefix=PIPELINE

// A module of LLVM dialect operations passes unchanged.
// CHECK-LABEL: llvm.func @lowered
// CHECK: llvm.return
module {
  llvm.func @lowered(%x: i32) -> i32 {
    llvm.return %x : i32
  }
}

// -----

// The outermost operation left is named, at its location.
module {
  // expected-error @below {{'func.func' was not lowered to the LLVM dialect by memplan-lower-to-llvm}}
  func.func @not_lowered() {
    return
  }
}

// memplan-lower-to-llvm lowers scf, vector, math, complex, index and arith;
// what no step lowers (Inputs/unlowerable.mlir: a GPU thread id) is an error
// instead of exit status 0 with the op left in the output.
// PIPELINE: unlowerable.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'gpu.thread_id' was not lowered to the LLVM dialect by memplan-lower-to-llvm
