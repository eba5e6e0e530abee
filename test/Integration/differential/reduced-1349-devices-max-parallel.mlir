// Reduced by scripts/differential.py from generated program 1349;
// configuration devices-max-parallel (targets=Inputs/dsp-max-parallel.json) gave: compile-error.
// Under max-parallel, a buffer was planned in place of another that a unit
// on the other compute unit, which may run at the same time, still read
// (found by memplan-verify-plan in a soak: 'may be live at the same time, in
// execution units 1 and 2').
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="targets=%S/Inputs/dsp-max-parallel.json" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 1349
func.func @forward(%arg1: tensor<4x2x8x7xf32>) -> (tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e1 = tensor.empty() : tensor<4x2x8x7xf32>
  %v2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg1, %arg1 : tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>) outs(%e1 : tensor<4x2x8x7xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o0: f32):
    %y0 = arith.mulf %x0, %x1 : f32
    %y1 = math.tanh %y0 : f32
    linalg.yield %y1 : f32
  } -> tensor<4x2x8x7xf32>
  %e3 = tensor.empty() : tensor<4x2x8x7xf32>
  %v4 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v2 : tensor<4x2x8x7xf32>) outs(%e3 : tensor<4x2x8x7xf32>) {
  ^bb0(%x0: f32, %o0: f32):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %k = arith.constant 1 : index
    %m = arith.constant 4 : index
    %s = arith.addi %i0, %k : index
    %j = arith.remui %s, %m : index
    %g = tensor.extract %v2[%j, %i1, %i2, %i3] : tensor<4x2x8x7xf32>
    %y0 = arith.addf %x0, %g : f32
    linalg.yield %y0 : f32
  } -> tensor<4x2x8x7xf32>
  %e5 = tensor.empty() : tensor<4x2x8x7xf32>
  %e6 = tensor.empty() : tensor<4x2x8x7xf32>
  %v7, %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v2 : tensor<4x2x8x7xf32>) outs(%e5, %e6 : tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>) {
  ^bb0(%x0: f32, %o0: f32, %o1: f32):
    %y0 = arith.addf %x0, %x0 : f32
    %y1 = arith.mulf %x0, %y0 : f32
    linalg.yield %y0, %y1 : f32, f32
  } -> (tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>)
  %e9 = tensor.empty() : tensor<4x2x8x7xf32>
  %v10 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v8, %v8 : tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>) outs(%e9 : tensor<4x2x8x7xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o0: f32):
    %y0 = arith.maximumf %x0, %x1 : f32
    linalg.yield %y0 : f32
  } -> tensor<4x2x8x7xf32>
  return %v10, %v4 : tensor<4x2x8x7xf32>, tensor<4x2x8x7xf32>
}
