// Reduced by scripts/differential.py from generated program 31;
// configuration default (defaults) gave: compile-error.
// memplan-fold-constants erased the constant read through both operands twice
// (heap-use-after-free, reported by the AddressSanitizer build).
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline="" --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// memplan program generator, seed 31
func.func @forward() -> (tensor<7xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %cst1 = arith.constant dense<0.5152> : tensor<5xf32>
  %e2 = tensor.empty() : tensor<5xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%cst1, %cst1 : tensor<5xf32>, tensor<5xf32>) outs(%e2 : tensor<5xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o0: f32):
    %y0 = arith.minimumf %x0, %x1 : f32
    linalg.yield %y0 : f32
  } -> tensor<5xf32>
  %k8 = arith.constant 0.9075 : f32
  %v7 = tensor.pad %v3 low[2] high[0] {
  ^bb0(%p0: index):
    tensor.yield %k8 : f32
  } : tensor<5xf32> to tensor<7xf32>
  return %v7 : tensor<7xf32>
}
