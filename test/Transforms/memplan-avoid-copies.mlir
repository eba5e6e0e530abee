// RUN: memplan-opt %s --memplan-avoid-copies -split-input-file | FileCheck %s
// Nested under func.func (one pass instance per function, in parallel) it
// does exactly what it does on the whole module.
// RUN: memplan-opt %s --pass-pipeline='builtin.module(func.func(memplan-avoid-copies))' -split-input-file | FileCheck %s
// RUN: memplan-opt %s --memplan-avoid-copies=unshare-inits=false -split-input-file | FileCheck %s --check-prefix=SHARED
// RUN: memplan-opt %s --memplan-avoid-copies=decompose-pads=false -split-input-file | FileCheck %s --check-prefix=PADS
// Bufferized without the pass, the shared fill and the pads cost copies;
// with it, none is left.
// RUN: memplan-opt %s -split-input-file -eliminate-empty-tensors \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries -cse -canonicalize \
// RUN:   | FileCheck %s --check-prefix=COPIES
// RUN: memplan-opt %s -split-input-file --memplan-avoid-copies -eliminate-empty-tensors \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries -cse -canonicalize \
// RUN:   | FileCheck %s --check-prefix=NOCOPIES

// One zero-filled accumulator shared by two matmuls: the second gets its own.
// CHECK-LABEL: func.func @shared_fill(
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<4x4xf32>
// CHECK:         %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E0]] : tensor<4x4xf32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x4xf32>) outs(%[[F0]] : tensor<4x4xf32>)
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<4x4xf32>
// CHECK:         %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E1]] : tensor<4x4xf32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x4xf32>) outs(%[[F1]] : tensor<4x4xf32>)
// SHARED-LABEL: func.func @shared_fill(
// SHARED-COUNT-1: linalg.fill
// SHARED-NOT:     linalg.fill
// SHARED:         return
// COPIES-LABEL: func.func @shared_fill(
// COPIES:         memref.copy
// NOCOPIES-LABEL: func.func @shared_fill(
// NOCOPIES-NOT:   memref.copy
// NOCOPIES:       return
func.func @shared_fill(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %c: tensor<8x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%f : tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = linalg.matmul ins(%a, %c : tensor<4x8xf32>, tensor<8x4xf32>) outs(%f : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0, %1 : tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// A shared tensor.empty is cloned too; a destination that is not fresh (a
// function argument) is left alone: its contents matter.
// CHECK-LABEL: func.func @shared_empty(
// CHECK-SAME:    %{{[^:]*}}: tensor<8xf32>, %[[ARG:[^:]*]]: tensor<8xf32>
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<8xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E0]] : tensor<8xf32>)
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<8xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E1]] : tensor<8xf32>)
// CHECK:         linalg.generic {{.*}} outs(%[[ARG]] : tensor<8xf32>)
// CHECK:         linalg.generic {{.*}} outs(%[[ARG]] : tensor<8xf32>)
// SHARED-LABEL: func.func @shared_empty(
// SHARED-COUNT-1: tensor.empty
// SHARED-NOT:     tensor.empty
// SHARED:         return
func.func @shared_empty(%x: tensor<8xf32>, %acc: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%acc : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%acc : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %0, %1, %2, %3 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A pad becomes a fill created before the padded value's producer and an
// insert_slice; the producer then writes into the padded tensor's interior.
// CHECK-LABEL: func.func @pad(
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PE:.*]] = tensor.empty() : tensor<1x2x6x6xf32>
// CHECK:         %[[PF:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[PE]] : tensor<1x2x6x6xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK:         %[[P:.*]] = tensor.insert_slice %[[R]] into %[[PF]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK:         return %[[P]]
// PADS-LABEL: func.func @pad(
// PADS:         tensor.pad
// COPIES-LABEL: func.func @pad(
// COPIES:         memref.copy
// NOCOPIES-LABEL: func.func @pad(
// NOCOPIES:       %[[BUF:.*]] = memref.alloc() {{.*}} : memref<1x2x6x6xf32>
// NOCOPIES:       linalg.fill {{.*}} outs(%[[BUF]] :
// NOCOPIES:       %[[INTERIOR:.*]] = memref.subview %[[BUF]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]
// NOCOPIES:       linalg.generic {{.*}} outs(%[[INTERIOR]] :
// NOCOPIES-NOT:   memref.copy
// NOCOPIES:       return
func.func @pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %r = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4x4xf32>
  %p = tensor.pad %r low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x6x6xf32>
  return %p : tensor<1x2x6x6xf32>
}

// -----

// A padding value computed after the producer: the fill goes right before
// the pad, which is still decomposed.
// CHECK-LABEL: func.func @late_pad_value(
// CHECK:         tensor.extract
// CHECK-NEXT:    tensor.empty() : tensor<6xf32>
// CHECK-NEXT:    linalg.fill
// CHECK-NEXT:    tensor.insert_slice
func.func @late_pad_value(%x: tensor<4xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  %value = tensor.extract %v[] : tensor<f32>
  %p = tensor.pad %x low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %value : f32
  } : tensor<4xf32> to tensor<6xf32>
  return %p : tensor<6xf32>
}

// -----

// Pads it cannot express as a fill are left alone: dynamic sizes, and a
// padding value that depends on the position.
// CHECK-LABEL: func.func @dynamic_pad(
// CHECK:         tensor.pad
// CHECK-LABEL: func.func @positional_pad(
// CHECK:         tensor.pad
func.func @dynamic_pad(%x: tensor<?xf32>, %low: index) -> tensor<?xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[%low] high[1] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<?xf32> to tensor<?xf32>
  return %p : tensor<?xf32>
}

func.func @positional_pad(%x: tensor<4xf32>) -> tensor<6xf32> {
  %p = tensor.pad %x low[1] high[1] {
  ^bb0(%i: index):
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    tensor.yield %f : f32
  } : tensor<4xf32> to tensor<6xf32>
  return %p : tensor<6xf32>
}
