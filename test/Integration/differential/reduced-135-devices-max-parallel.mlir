// Reduced by scripts/differential.py from generated program 135;
// configuration devices-max-parallel (targets=Inputs/dsp-max-parallel.json) gave: compile-error.
// memplan-verify-plan compared execution units of two device sub-functions
// (numbered per function, run one call after the other) as if they could
// run at the same time, and rejected a sound plan.
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="targets=%S/Inputs/dsp-max-parallel.json" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 135
func.func @forward(%arg1: tensor<4xf32>, %cst1: tensor<8x2x3x7xf32>) -> (tensor<8x2x21xi32>, tensor<8x2x21xi32>, tensor<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e2 = tensor.empty() : tensor<4xi32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%arg1 : tensor<4xf32>) outs(%e2 : tensor<4xi32>) {
  ^bb0(%x0: f32, %o0: i32):
    %ten = arith.constant 10.0 : f32
    %s = arith.mulf %x0, %ten : f32
    %y0 = arith.fptosi %s : f32 to i32
    linalg.yield %y0 : i32
  } -> tensor<4xi32>
  %e4 = tensor.empty() : tensor<8x2x3x7xf32>
  %e5 = tensor.empty() : tensor<8x2x3x7xf32>
  %v6, %v7 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cst1 : tensor<8x2x3x7xf32>) outs(%e4, %e5 : tensor<8x2x3x7xf32>, tensor<8x2x3x7xf32>) {
  ^bb0(%x0: f32, %o0: f32, %o1: f32):
    %y0 = arith.addf %x0, %x0 : f32
    %y1 = arith.mulf %x0, %y0 : f32
    linalg.yield %y0, %y1 : f32, f32
  } -> (tensor<8x2x3x7xf32>, tensor<8x2x3x7xf32>)
  %e14 = tensor.empty() : tensor<4xi32>
  %v15 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v3 : tensor<4xi32>) outs(%e14 : tensor<4xi32>) {
  ^bb0(%x0: i32, %o0: i32):
    %y0 = arith.subi %x0, %x0 : i32
    linalg.yield %y0 : i32
  } -> tensor<4xi32>
  %v28 = tensor.collapse_shape %v7 [[0], [1], [2, 3]] : tensor<8x2x3x7xf32> into tensor<8x2x21xf32>
  %e29 = tensor.empty() : tensor<8x2x21xi1>
  %v30 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v28 : tensor<8x2x21xf32>) outs(%e29 : tensor<8x2x21xi1>) {
  ^bb0(%x0: f32, %o0: i1):
    %z = arith.constant 0.0 : f32
    %y0 = arith.cmpf ogt, %x0, %z : f32
    linalg.yield %y0 : i1
  } -> tensor<8x2x21xi1>
  %e31 = tensor.empty() : tensor<8x2x21xi32>
  %v32 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v30 : tensor<8x2x21xi1>) outs(%e31 : tensor<8x2x21xi32>) {
  ^bb0(%x0: i1, %o0: i32):
    %y0 = arith.extui %x0 : i1 to i32
    linalg.yield %y0 : i32
  } -> tensor<8x2x21xi32>
  %e33 = tensor.empty() : tensor<8x2x21xi32>
  %v34 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v30 : tensor<8x2x21xi1>) outs(%e33 : tensor<8x2x21xi32>) {
  ^bb0(%x0: i1, %o0: i32):
    %y0 = arith.extui %x0 : i1 to i32
    linalg.yield %y0 : i32
  } -> tensor<8x2x21xi32>
  return %v32, %v34, %v15 : tensor<8x2x21xi32>, tensor<8x2x21xi32>, tensor<4xi32>
}
