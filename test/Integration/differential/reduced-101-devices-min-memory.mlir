// Reduced by scripts/differential.py from generated program 101;
// configuration devices-min-memory (targets=Inputs/npu-min-memory.json) gave: compile-error.
// memplan-verify-plan, sharing the planner's liveness, widened the lifetimes
// of an in-place chain (a -> b -> c at one offset) to whole execution units
// and rejected the sound plan: 'buffer 5 and buffer 3 are live together'.
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="targets=%S/Inputs/npu-min-memory.json" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 101
func.func @forward(%cst3: tensor<2x5x3x3xf32>, %v1: tensor<4x5x3x7xf32>) -> (tensor<4x2x1xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e4 = tensor.empty() : tensor<4x2x1x5xf32>
  %k6 = arith.constant 0.0000 : f32
  %f5 = linalg.fill ins(%k6 : f32) outs(%e4 : tensor<4x2x1x5xf32>) -> tensor<4x2x1x5xf32>
  %v7 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v1, %cst3 : tensor<4x5x3x7xf32>, tensor<2x5x3x3xf32>) outs(%f5 : tensor<4x2x1x5xf32>) -> tensor<4x2x1x5xf32>
  %e8 = tensor.empty() : tensor<4x2x1x5xf32>
  %v9 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v7, %v7 : tensor<4x2x1x5xf32>, tensor<4x2x1x5xf32>) outs(%e8 : tensor<4x2x1x5xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o0: f32):
    %y0 = arith.subf %x0, %x1 : f32
    %y1 = math.absf %y0 : f32
    linalg.yield %y1 : f32
  } -> tensor<4x2x1x5xf32>
  %e10 = tensor.empty() : tensor<4x2x1x5xf32>
  %v11 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v9, %v9 : tensor<4x2x1x5xf32>, tensor<4x2x1x5xf32>) outs(%e10 : tensor<4x2x1x5xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o0: f32):
    %y0 = arith.minimumf %x0, %x1 : f32
    linalg.yield %y0 : f32
  } -> tensor<4x2x1x5xf32>
  %e24 = tensor.empty() : tensor<4x2x1xf32>
  %k26 = arith.constant 0.0000 : f32
  %f25 = linalg.fill ins(%k26 : f32) outs(%e24 : tensor<4x2x1xf32>) -> tensor<4x2x1xf32>
  %v27 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v11 : tensor<4x2x1x5xf32>) outs(%f25 : tensor<4x2x1xf32>) {
  ^bb0(%x0: f32, %o0: f32):
    %y0 = arith.addf %x0, %o0 : f32
    linalg.yield %y0 : f32
  } -> tensor<4x2x1xf32>
  return %v27 : tensor<4x2x1xf32>
}
