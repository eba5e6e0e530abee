// Reduced by scripts/differential.py from generated program 97;
// configuration default (defaults) gave: compile-error.
// memplan-reorder scheduled the convolution twice (its only producer in the
// block, an expand_shape of an argument, creates no memory and was queued
// twice), moving it after its users: 'operand #0 does not dominate this
// use'.
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 97
func.func @forward(%arg0: tensor<8x8xf32>, %cst14: tensor<1x1x2x1xf32>, %cst1: tensor<1xf32>) -> (tensor<1x1x3x3xf32>, tensor<1xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e2 = tensor.empty() : tensor<1xf16>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%cst1 : tensor<1xf32>) outs(%e2 : tensor<1xf16>) {
  ^bb0(%x0: f32, %o0: f16):
    %y0 = arith.truncf %x0 : f32 to f16
    linalg.yield %y0 : f16
  } -> tensor<1xf16>
  %v8 = tensor.expand_shape %arg0 [[0, 1, 2], [3]] output_shape [1, 1, 8, 8] : tensor<8x8xf32> into tensor<1x1x8x8xf32>
  %e15 = tensor.empty() : tensor<1x1x7x8xf32>
  %k17 = arith.constant 0.0000 : f32
  %f16 = linalg.fill ins(%k17 : f32) outs(%e15 : tensor<1x1x7x8xf32>) -> tensor<1x1x7x8xf32>
  %v18 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v8, %cst14 : tensor<1x1x8x8xf32>, tensor<1x1x2x1xf32>) outs(%f16 : tensor<1x1x7x8xf32>) -> tensor<1x1x7x8xf32>
  %e19 = tensor.empty() : tensor<1x1x6x7xf32>
  %k21 = arith.constant -10000.0000 : f32
  %f20 = linalg.fill ins(%k21 : f32) outs(%e19 : tensor<1x1x6x7xf32>) -> tensor<1x1x6x7xf32>
  %e22 = tensor.empty() : tensor<2x2xf32>
  %v23 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v18, %e22 : tensor<1x1x7x8xf32>, tensor<2x2xf32>) outs(%f20 : tensor<1x1x6x7xf32>) -> tensor<1x1x6x7xf32>
  %e27 = tensor.empty() : tensor<1x1x3x3xf32>
  %k29 = arith.constant -10000.0000 : f32
  %f28 = linalg.fill ins(%k29 : f32) outs(%e27 : tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  %e30 = tensor.empty() : tensor<2x2xf32>
  %v31 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v23, %e30 : tensor<1x1x6x7xf32>, tensor<2x2xf32>) outs(%f28 : tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  %e32 = tensor.empty() : tensor<1xf32>
  %v33 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v3 : tensor<1xf16>) outs(%e32 : tensor<1xf32>) {
  ^bb0(%x0: f16, %o0: f32):
    %y0 = arith.extf %x0 : f16 to f32
    linalg.yield %y0 : f32
  } -> tensor<1xf32>
  return %v31, %v33 : tensor<1x1x3x3xf32>, tensor<1xf32>
}
