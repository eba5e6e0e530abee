// Reduced by scripts/differential.py from generated program 22;
// configuration default (defaults) gave: mismatch.
// The second generic reads its input at the mirrored position too
// (tensor.extract %v6[4 - i]); its output was planned in place of that
// input, so it overwrote elements it still had to read (wrong bits).
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 22
func.func @forward(%v4: tensor<5xf16>) -> (tensor<5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e5 = tensor.empty() : tensor<5xf16>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v4 : tensor<5xf16>) outs(%e5 : tensor<5xf16>) {
  ^bb0(%x0: f16, %o0: f16):
    %y0 = arith.addf %x0, %x0 : f16
    linalg.yield %y0 : f16
  } -> tensor<5xf16>
  %e10 = tensor.empty() : tensor<5xf16>
  %v11 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v6 : tensor<5xf16>) outs(%e10 : tensor<5xf16>) {
  ^bb0(%x0: f16, %o0: f16):
    %i0 = linalg.index 0 : index
    %n = arith.constant 4 : index
    %j = arith.subi %n, %i0 : index
    %g = tensor.extract %v6[%j] : tensor<5xf16>
    %y0 = arith.addf %x0, %g : f16
    linalg.yield %y0 : f16
  } -> tensor<5xf16>
  %e12 = tensor.empty() : tensor<5xf32>
  %v13 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v11 : tensor<5xf16>) outs(%e12 : tensor<5xf32>) {
  ^bb0(%x0: f16, %o0: f32):
    %y0 = arith.extf %x0 : f16 to f32
    linalg.yield %y0 : f32
  } -> tensor<5xf32>
  return %v13 : tensor<5xf32>
}
