// RUN: memplan-opt %s --memplan-fold-constants=max-fold-bytes=8 -verify-diagnostics | FileCheck %s
// RUN: not memplan-opt %s --memplan-fold-constants=max-fold-bytes=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// NEGATIVE: error: memplan-fold-constants: max-fold-bytes must be non-negative, got -1

#id1 = affine_map<(d0) -> (d0)>

// Dense results beyond max-fold-bytes stay, with a remark; splats do not
// count against the limit.
// CHECK-LABEL: func.func @limit
// CHECK:         linalg.generic
// CHECK:         arith.constant dense<2.000000e+00> : tensor<1024xf32>
// CHECK-NOT:     linalg.generic
func.func @limit() -> (tensor<4xf32>, tensor<1024xf32>) {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark @below {{constant computation not folded: its result (16 bytes) exceeds max-fold-bytes (8)}}
  %y = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<4xf32>
  %one = arith.constant dense<1.0> : tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %two = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%one : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  return %y, %two : tensor<4xf32>, tensor<1024xf32>
}
