// Copies one-shot bufferization would make: one zero-filled accumulator
// shared by two convolutions, and pads after activations. With
// memplan-avoid-copies (and in-place reuse) the planned program copies only
// the caller's input into its padded buffer, and computes exactly what the unoptimised one computes on
// non-uniform inputs and weights.
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline --memplan-report=output=%t.report -o %t.planned.mlir 2>/dev/null
// RUN: memplan-opt %t.planned.mlir --memplan-lower-to-llvm | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned.mlir
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.report
// Without the rewrites the same program copies.
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline="avoid-copies=false in-place=false" --memplan-report=output=%t.copying.report -o %t.copying.mlir 2>/dev/null
// RUN: memplan-opt %t.copying.mlir --memplan-lower-to-llvm | %run | %strip-addresses > %t.copying
// RUN: diff %t.reference %t.copying
// RUN: FileCheck %s --check-prefix=COPYING --input-file=%t.copying.report

// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: memref<1x4x8x8xf32>
// CHECK:         memref.copy %[[X]], %{{.*}} : memref<1x4x8x8xf32> to memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>
// CHECK-NOT:     memref.copy
// CHECK-NOT:     linalg.copy
// CHECK:         return
// REPORT:      @forward
// REPORT:        copies: 1 (1024 B), 0 more planned in place
// REPORT:      @main
// COPYING:     @forward
// COPYING:       copies: 3 (3072 B), 0 more planned in place

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#batch0 = affine_map<(d0, d1, d2, d3) -> (0, d1, d2, d3)>
#channel = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @forward(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<0.1> : tensor<4x4x3x3xf32>
  %w2 = arith.constant dense<-0.2> : tensor<4x4x3x3xf32>
  %bias = arith.constant dense<0.3> : tensor<4xf32>
  // One accumulator for both convolutions, as torch-mlir emits it.
  %acc0 = tensor.empty() : tensor<1x4x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%acc0 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>

  %p0 = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x8x8xf32> to tensor<1x4x10x10xf32>
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%p0, %w1 : tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>) outs(%acc : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %e1 = tensor.empty() : tensor<1x4x8x8xf32>
  %r1 = linalg.generic {indexing_maps = [#batch0, #channel, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c1, %bias : tensor<1x4x8x8xf32>, tensor<4xf32>) outs(%e1 : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %s = arith.addf %in, %b : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x4x8x8xf32>

  %p1 = tensor.pad %r1 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x8x8xf32> to tensor<1x4x10x10xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%p1, %w2 : tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>) outs(%acc : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %e2 = tensor.empty() : tensor<1x4x8x8xf32>
  %r2 = linalg.generic {indexing_maps = [#batch0, #channel, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c2, %bias : tensor<1x4x8x8xf32>, tensor<4xf32>) outs(%e2 : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %s = arith.addf %in, %b : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x4x8x8xf32>
  return %r2 : tensor<1x4x8x8xf32>
}
