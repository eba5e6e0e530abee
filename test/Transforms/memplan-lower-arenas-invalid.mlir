// RUN: memplan-opt %s --memplan-lower-arenas -verify-diagnostics
// RUN: not memplan-opt %s --memplan-lower-to-llvm 2>&1 | FileCheck %s

// The lowering handles buffers only: a program still on tensors is named at
// its first tensor operation rather than failing later, elsewhere.
// CHECK: error: memplan-lower-arenas: the program still computes on tensors
func.func @on_tensors(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{memplan-lower-arenas: the program still computes on tensors; bufferize it first (memplan-pipeline or one-shot-bufferize)}}
  %y = arith.addf %x, %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
