// RUN: memplan-opt %s --memplan-elementwise-in-place -split-input-file | FileCheck %s
// Nested under func.func (one pass instance per function, in parallel) it
// does exactly what it does on the whole module.
// RUN: memplan-opt %s --pass-pipeline='builtin.module(func.func(memplan-elementwise-in-place))' -split-input-file | FileCheck %s
// With a pad after the activation, the convolution, the activation and the
// pad all end up in one buffer: no copy, no buffer for the unpadded tensor.
// RUN: memplan-opt %s --memplan-elementwise-in-place --memplan-avoid-copies \
// RUN:   -eliminate-empty-tensors -one-shot-bufferize=bufferize-function-boundaries \
// RUN:   -cse -canonicalize -split-input-file | FileCheck %s --check-prefix=BUF

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#batch0 = affine_map<(d0, d1, d2, d3) -> (0, d1, d2, d3)>

// An activation after a convolution (read through `(0, d1, d2, d3)`, the
// identity on a batch of 1) writes over the convolution's result.
// CHECK-LABEL: func.func @relu_after_conv(
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nchw_fchw
// CHECK:         %[[RELU:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME:      outs(%[[CONV]] : tensor<1x2x4x4xf32>) attrs =  {memplan.in_place} {
// CHECK-NEXT:    ^bb0(%[[OUT:.*]]: f32):
// CHECK-NEXT:      arith.maximumf %[[OUT]], %{{.*}} : f32
// CHECK:         tensor.pad %[[RELU]]
// BUF-LABEL: func.func @relu_after_conv(
// BUF:         %[[PADDED:.*]] = memref.alloc() {{.*}} : memref<1x2x6x6xf32>
// BUF:         %[[INTERIOR:.*]] = memref.subview %[[PADDED]][0, 0, 1, 1] [1, 2, 4, 4]
// BUF:         linalg.conv_2d_nchw_fchw {{.*}} outs(%[[INTERIOR]] :
// BUF:         linalg.generic {{.*}} outs(%[[INTERIOR]] : {{.*}}) attrs =  {memplan.in_place}
// BUF-NOT:     memref.alloc
// BUF-NOT:     memref.copy
// BUF:         return %[[PADDED]]
func.func @relu_after_conv(%x: tensor<1x1x6x6xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %acc0 = tensor.empty() : tensor<1x2x4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%acc0 : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%x, %w : tensor<1x1x6x6xf32>, tensor<2x1x3x3xf32>) outs(%acc : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %relu = linalg.generic {indexing_maps = [#batch0, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%conv : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4x4xf32>
  %padded = tensor.pad %relu low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x6x6xf32>
  return %padded : tensor<1x2x6x6xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// A residual op writes over the operand that dies there (b), not over the
// one read again later (a); the last op then writes over a. The payload
// reads the moved operand through the init's argument, in the same place.
// CHECK-LABEL: func.func @residual(
// CHECK:         %[[A:.*]] = linalg.generic
// CHECK:         %[[B:.*]] = linalg.generic
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<8xf32>) outs(%[[B]] : tensor<8xf32>) attrs =  {memplan.in_place} {
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:      arith.subf %[[IN]], %[[OUT]] : f32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<8xf32>) outs(%[[A]] : tensor<8xf32>) attrs =  {memplan.in_place} {
// CHECK-NEXT:    ^bb0(%[[IN2:.*]]: f32, %[[OUT2:.*]]: f32):
// CHECK-NEXT:      arith.mulf %[[OUT2]], %[[IN2]] : f32
func.func @residual(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e0 = tensor.empty() : tensor<8xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e0 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<8xf32>) outs(%e1 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e2 = tensor.empty() : tensor<8xf32>
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%e2 : tensor<8xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.subf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e3 = tensor.empty() : tensor<8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %sum : tensor<8xf32>, tensor<8xf32>) outs(%e3 : tensor<8xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.mulf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#t2 = affine_map<(d0, d1) -> (d1, d0)>
#bcast = affine_map<(d0) -> (0)>

// Left alone: an argument (the caller's data), a view, an input read again,
// a transposed or broadcast read, a different element type, and an init
// that is not empty (it is accumulated into).
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     memplan.in_place
// CHECK:         return
func.func @left_alone(%x: tensor<8xf32>, %m: tensor<4x4xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<16xf32>, tensor<4x4xf32>, tensor<8xf32>, tensor<8xi32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %from_arg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %read_again = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%from_arg : tensor<8xf32>) outs(%e1 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %mm = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<4x4xf32>) outs(%m : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %flat = tensor.collapse_shape %mm [[0, 1]] : tensor<4x4xf32> into tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %from_view = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%flat : tensor<16xf32>) outs(%e2 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<4x4xf32>
  %m2 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<4x4xf32>) outs(%e3 : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %e4 = tensor.empty() : tensor<4x4xf32>
  %transposed = linalg.generic {indexing_maps = [#t2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%m2 : tensor<4x4xf32>) outs(%e4 : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x4xf32>
  %v = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %e5 = tensor.empty() : tensor<8xf32>
  %broadcast = linalg.generic {indexing_maps = [#bcast, #id], iterator_types = ["parallel"]}
      ins(%v : tensor<8xf32>) outs(%e5 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8xf32>
  %w = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %ei = tensor.empty() : tensor<8xi32>
  %bits = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%w : tensor<8xf32>) outs(%ei : tensor<8xi32>) {
  ^bb0(%in: f32, %out: i32):
    %s = arith.bitcast %in : f32 to i32
    linalg.yield %s : i32
  } -> tensor<8xi32>
  %u = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.subf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %acc = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%u : tensor<8xf32>) outs(%from_arg : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %read_again, %acc, %from_view, %transposed, %broadcast, %bits, %from_arg : tensor<8xf32>, tensor<8xf32>, tensor<16xf32>, tensor<4x4xf32>, tensor<8xf32>, tensor<8xi32>, tensor<8xf32>
}
