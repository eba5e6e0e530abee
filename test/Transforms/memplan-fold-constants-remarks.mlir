// RUN: memplan-opt %s --memplan-fold-constants -split-input-file -verify-diagnostics

#id1 = affine_map<(d0) -> (d0)>

// What cannot be folded exactly stays, with a remark.
func.func @not_exact() -> tensor<4xf32> {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark @below {{constant computation not folded: its payload uses 'math.exp', which the pass cannot evaluate exactly as the compiled program would}}
  %y = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = math.exp %in : f32
    linalg.yield %0 : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

#id1 = affine_map<(d0) -> (d0)>

// Folding a computation whose input is still used elsewhere would add
// constant data: it stays.
func.func @would_grow(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %w = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark @below {{constant computation not folded: folding would add 16 bytes of constant data}}
  %y = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%w : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.negf %in : f32
    linalg.yield %0 : f32
  } -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %z = linalg.generic {indexing_maps = [#id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%x, %w : tensor<4xf32>, tensor<4xf32>) outs(%e2 : tensor<4xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %0 = arith.mulf %p, %q : f32
    linalg.yield %0 : f32
  } -> tensor<4xf32>
  return %y, %z : tensor<4xf32>, tensor<4xf32>
}


// -----

#id1 = affine_map<(d0) -> (d0)>

// A payload with side effects runs at run time, every time.
func.func @side_effects(%log: memref<4xf32>) -> tensor<4xf32> {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark @below {{constant computation not folded: its payload uses 'memref.store', which the pass cannot evaluate exactly as the compiled program would}}
  %y = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %i = linalg.index 0 : index
    memref.store %in, %log[%i] : memref<4xf32>
    linalg.yield %in : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// A computed NaN's bit pattern is the target's choice: not folded.
#id1 = affine_map<(d0) -> (d0)>
func.func @nan() -> tensor<4xf32> {
  %nan = arith.constant dense<0x7FC00000> : tensor<4xf32>
  %one = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark @below {{constant computation not folded: its payload computes a NaN, whose bit pattern only the compiled program knows}}
  %r = linalg.generic {indexing_maps = [#id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%nan, %one : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.maximumf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
